package minutes

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"triad/data"
	"triad/data/atomicfile"
)

// maxPodInName keeps file names well under the 255-byte limit of common
// file systems, whatever the pod is called.
const maxPodInName = 120

// FileName is the default name of a meeting's minutes:
// "Triad minutes - <pod> - <YYYY-MM-DD>.pdf". The pod's name is made safe
// for Windows, macOS and Linux file systems.
func FileName(pod string, date data.Date) string {
	name := "Triad minutes - " + SafeFileNamePart(pod, "Pod")
	if !date.IsZero() {
		name += " - " + date.String()
	}
	return name + ".pdf"
}

// SafeFileNamePart turns any text into something every file system
// accepts inside a file name: no path separators or characters Windows
// forbids, no controls or bidi tricks, no leading or trailing dots and
// spaces, at most maxPodInName bytes. It returns fallback when nothing is left.
func SafeFileNamePart(s, fallback string) string {
	// No characters outside the BMP (a file name has no room for an
	// emoji's name), then no controls or bidi overrides.
	s = pdfText(strings.Map(func(r rune) rune {
		if r > 0xffff {
			return -1
		}
		return r
	}, s))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '/', '\\', '|', '\n':
			return '-'
		case ':', '<', '>', '"', '?', '*', StandIn:
			return -1
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	for len(s) > maxPodInName {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	s = strings.Trim(s, ". -")
	if s == "" {
		return fallback
	}
	return s
}

// Save renders m and writes it into dir under its default name, returning
// the file's path. The PDF is complete in memory before the file is
// touched, and it is written atomically: a failed render or a full disk
// leaves any earlier file of the same name as it was.
func Save(dir string, m Minutes) (string, error) {
	pdf, err := Render(m)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, FileName(m.Pod, m.Date))
	if err := WriteFile(path, pdf); err != nil {
		return "", err
	}
	return path, nil
}

// WriteFile writes a rendered PDF to path atomically. A full disk, a
// read-only folder and a file another program holds open (a PDF viewer on
// Windows) are reported in words that say what to do, a full disk as
// data.ErrDiskFull; whatever fails, no partial file is left and an earlier
// file stays as it was.
func WriteFile(path string, pdf []byte) error {
	err := atomicfile.WriteBytes(path, pdf)
	if err == nil {
		return nil
	}
	dir := filepath.Dir(path)
	if abs, aerr := filepath.Abs(dir); aerr == nil {
		dir = abs
	}
	switch data.ClassifyFileError(err) {
	case data.FileProblemDiskFull:
		return data.KindError(data.ErrDiskFull, "The disk holding %s is full, so %s was not written. Free some space (or choose another folder) and export again.", dir, filepath.Base(path))
	case data.FileProblemInUse:
		return fmt.Errorf("%s is open in another program, so it was not replaced; the file there is as it was. Close the PDF viewer and try again", filepath.Base(path))
	case data.FileProblemReadOnly:
		return fmt.Errorf("the folder %s is read-only, so %s was not written. Choose another folder and export again", dir, filepath.Base(path))
	}
	return err
}
