package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"triad/app/internal/apptest"
	"triad/data"
	"triad/data/sqlite"
)

// The recovery window says what Triad did with the damaged file once: it
// moved it aside. It never repeats a command's "Triad left it as it is".
func TestRecoveryTextSaysOnceWhatHappenedToTheFile(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "triad.db")
	db, err := sqlite.Open(path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, _ := os.Stat(path)
	if err := os.Truncate(path, st.Size()/2); err != nil {
		t.Fatal(err)
	}
	_, openErr := sqlite.Open(path, sqlite.Options{})
	if openErr == nil {
		t.Fatal("a file cut in half opened")
	}
	// The backup list never answers, so its update cannot run beside the
	// reads (the test driver runs fyne.Do on the calling goroutine); the
	// listing goroutine stays blocked until the test binary ends.
	listed := make(chan struct{})
	w := ShowRecovery(a, Recovery{
		Problem: openErr,
		MovedTo: path + ".corrupt",
		Backups: func() ([]data.BackupInfo, error) { <-listed; return nil, nil },
	})
	defer w.Close()
	if apptest.ContainsText(w.Content(), "left it as it is") {
		t.Errorf("the recovery window contradicts itself: %v", openErr)
	}
	if !apptest.ContainsText(w.Content(), "moved the damaged file aside") {
		t.Error("the recovery window does not say where the file went")
	}
}
