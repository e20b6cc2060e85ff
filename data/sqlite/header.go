package sqlite

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"triad/data"
)

// fileHeader is what Triad reads from the first 100 bytes of a database file
// before SQLite ever opens it, so that a foreign, damaged or newer file is
// refused without a single byte of it being written.
type fileHeader struct {
	pageSize    int64
	pageCount   int64 // 0 when the header's count is not trustworthy
	userVersion int
	appID       uint32
}

var sqliteMagic = []byte("SQLite format 3\x00")

// inspect returns (nil, nil) when path does not exist, the header when it is a
// Triad database this build can open, and a readable error naming the file
// otherwise. It only reads.
func inspect(path string, newest int) (*fileHeader, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if errors.Is(err, fs.ErrPermission) {
		return nil, fmt.Errorf("%s cannot be read: permission denied. Check the file's permissions", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s cannot be opened: %w", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%s cannot be read: %w", path, err)
	}
	if st.IsDir() {
		return nil, data.KindError(data.ErrNotTriad, "%s is a folder, not a Triad database", path)
	}
	if st.Size() == 0 {
		return nil, data.KindError(data.ErrNotTriad, "%s is empty (0 bytes), so it is not a Triad database. Triad left it as it is; move it away or choose another file", path)
	}
	buf := make([]byte, 100)
	n, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("%s cannot be read: %w", path, err)
	}
	if n < len(sqliteMagic) || !bytes.Equal(buf[:len(sqliteMagic)], sqliteMagic) {
		return nil, data.KindError(data.ErrNotTriad, "%s is not a Triad database (it is not an SQLite file at all). Triad left it as it is", path)
	}
	if n < 100 {
		return nil, data.KindError(data.ErrCorrupt, "%s is damaged: the file is cut short (%d bytes)", path, st.Size())
	}
	h := &fileHeader{
		userVersion: int(binary.BigEndian.Uint32(buf[60:64])),
		appID:       binary.BigEndian.Uint32(buf[68:72]),
	}
	h.pageSize = int64(binary.BigEndian.Uint16(buf[16:18]))
	if h.pageSize == 1 {
		h.pageSize = 65536
	}
	if h.pageSize < 512 || h.pageSize&(h.pageSize-1) != 0 {
		return nil, data.KindError(data.ErrCorrupt, "%s is damaged: its header is unreadable", path)
	}
	// The in-header page count is valid when "version-valid-for" matches the
	// change counter (SQLite file format, section 1.3.7).
	if bytes.Equal(buf[24:28], buf[92:96]) {
		h.pageCount = int64(binary.BigEndian.Uint32(buf[28:32]))
	}

	switch {
	case h.appID != AppID && h.appID != 0:
		return nil, data.KindError(data.ErrNotTriad, "%s is another application's SQLite database (application id 0x%08x), not Triad's. Triad left it as it is", path, h.appID)
	case h.appID == 0:
		return nil, data.KindError(data.ErrNotTriad, "%s is an SQLite database, but not one of Triad's. Triad left it as it is", path)
	case h.userVersion > newest:
		return nil, data.KindError(data.ErrNewerSchema, "%s was written by a newer version of Triad (database version %d; this Triad reads up to %d). Update Triad to open it; the file was left as it is", path, h.userVersion, newest)
	}
	// A crash during a checkpoint can leave the main file short of its header's
	// page count while the write-ahead log still holds every page; SQLite
	// recovers that on open, so the size test only applies without a log.
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return h, nil
	}
	if st.Size()%h.pageSize != 0 || (h.pageCount > 0 && st.Size() < h.pageCount*h.pageSize) {
		return nil, data.KindError(data.ErrCorrupt, "%s is damaged: the file is cut short (%d bytes of %d)", path, st.Size(), h.pageCount*h.pageSize)
	}
	return h, nil
}
