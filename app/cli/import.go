package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"triad/data/atomicfile"
)

func runImport(env Env, args []string) int {
	fset := newFlagSet(env, "import")
	db := fset.String("db", "", "database `file` to import into (new or empty)")
	rest, code, done := parse(env, fset, args)
	if done {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(env.Stderr, "triad import: name one export file: triad import [--db FILE] FILE.json")
		return ExitUsage
	}
	file := rest[0]
	in, err := os.Open(file)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad import: %v\n", err)
		return ExitFailure
	}
	defer in.Close()
	path, err := resolvePath(env, *db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad import: %v\n", err)
		return ExitFailure
	}
	fail := func(err error) int {
		fmt.Fprintf(env.Stderr, "triad import: %s: %v\nNothing was imported.\n", file, err)
		return ExitFailure
	}
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		if err := importIntoNewFile(env, path, func(s Store) error {
			return s.ImportJSON(context.Background(), in)
		}); err != nil {
			return fail(err)
		}
		abs, _ := filepath.Abs(path)
		fmt.Fprintf(env.Stdout, "Imported %s into %s.\n", file, abs)
		return ExitOK
	}
	// An existing database: the import is one transaction, so a refused
	// file leaves it exactly as it was.
	s, err := openFor(env, "import", path)
	if err != nil {
		fmt.Fprintf(env.Stderr, "triad import: %s\n", err)
		return ExitFailure
	}
	defer s.Close()
	if err := s.ImportJSON(context.Background(), in); err != nil {
		return fail(err)
	}
	fmt.Fprintf(env.Stdout, "Imported %s into %s.\n", file, s.Path())
	return ExitOK
}

// importIntoNewFile builds the database under a temporary name beside
// path and puts it in place (atomicfile.PlaceNew) only once the import has succeeded, so a
// refused file, a crash or a full disk never leaves a database (or a
// folder) behind where there was none, and a file that appears at path
// meanwhile is never replaced.
func importIntoNewFile(env Env, path string, load func(Store) error) (err error) {
	dir := filepath.Dir(path)
	var made []string // folders this import creates, deepest first
	for d := dir; ; d = filepath.Dir(d) {
		if _, statErr := os.Stat(d); !errors.Is(statErr, fs.ErrNotExist) || filepath.Dir(d) == d {
			break
		}
		made = append(made, d)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the folder %s: %w", dir, err)
	}
	reserve, err := os.CreateTemp(dir, ".triad-import-*.db")
	if err != nil {
		removeEmpty(made)
		return fmt.Errorf("cannot write in the folder %s: %w", dir, err)
	}
	tmp := reserve.Name()
	reserve.Close()
	os.Remove(tmp) // the name is ours; the store creates the file itself
	cleanup := func() {
		for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".open", ".lock"} {
			os.Remove(tmp + suffix)
		}
	}
	defer func() {
		cleanup()
		if err != nil {
			removeEmpty(made)
		}
	}()
	s, err := env.Open(tmp)
	if err != nil {
		return err
	}
	if err := load(s); err != nil {
		s.Close()
		return err
	}
	if err := s.Close(); err != nil {
		return fmt.Errorf("finishing the new database: %w", err)
	}
	if fi, statErr := os.Stat(tmp + "-wal"); statErr == nil && fi.Size() > 0 {
		return fmt.Errorf("the new database was not completely written; try again")
	}
	if err := atomicfile.PlaceNew(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s appeared while Triad was importing; it was left alone, try again", path)
		}
		return fmt.Errorf("cannot put the new database at %s: %w", path, err)
	}
	if d, openErr := os.Open(dir); openErr == nil {
		d.Sync() // make the link durable where the platform supports it
		d.Close()
	}
	return nil
}

// removeEmpty removes the folders an import created, deepest first; one
// that is no longer empty stays.
func removeEmpty(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}
