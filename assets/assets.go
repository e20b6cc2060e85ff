// Package assets holds the bytes Triad embeds: the app icon and, for the
// PDF minutes, the fonts. It imports nothing from Fyne so that the PDF
// renderer can use it too.
package assets

import _ "embed"

// Icon is the 512×512 application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// WindowIcon is Icon at 256×256 with 8 bits a channel, what the window
// and its notifications show. The toolkit decodes the window's icon on
// its main thread before the first frame, twice, and converts anything
// but 8-bit RGBA pixel by pixel: 27 ms each time for Icon, 3 for this
// (BenchmarkDecodeIcon).
//
//go:embed icon-256.png
var WindowIcon []byte

// Fonts for the PDF minutes (licences in fonts/). gofpdf reads TrueType
// with glyf outlines only, so these are .ttf files, not .ttc or CFF .otf.
// The slices are shared: anything that may modify font bytes (gofpdf's
// subsetter does) must work on its own copy.
var (
	// DejaVuSans covers Latin, Greek, Cyrillic, Hebrew, Arabic and many
	// symbols.
	//
	//go:embed fonts/DejaVuSans.ttf
	DejaVuSans []byte

	// DejaVuSansBold is the bold face of DejaVuSans.
	//
	//go:embed fonts/DejaVuSans-Bold.ttf
	DejaVuSansBold []byte

	// DroidSansFallback covers Chinese, Japanese and Korean; it is used
	// for the characters DejaVu Sans lacks.
	//
	//go:embed fonts/DroidSansFallbackFull.ttf
	DroidSansFallback []byte
)
