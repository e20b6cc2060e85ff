// Package assets holds the bytes Triad embeds: the app icon and, for the
// PDF minutes, the fonts. It imports nothing from Fyne so that the PDF
// renderer can use it too.
package assets

import _ "embed"

// Icon is the 512×512 application icon (PNG).
//
//go:embed icon.png
var Icon []byte
