// Command gofpdffloor is the floor `triad minutes` is measured against:
// raw gofpdf with the same embedded fonts (DejaVu Sans regular and bold)
// writing a text file as a PDF, a heading in bold and the lines in regular,
// with no layout of its own.
//
//	gofpdffloor IN.txt OUT.pdf
package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/jung-kurt/gofpdf"

	"triad/assets"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gofpdffloor IN.txt OUT.pdf")
		os.Exit(2)
	}
	in, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer in.Close()
	pdf := gofpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("dejavu", "", assets.DejaVuSans)
	pdf.AddUTF8FontFromBytes("dejavu", "B", assets.DejaVuSansBold)
	pdf.SetMargins(50, 56, 50)
	pdf.SetAutoPageBreak(true, 62)
	pdf.AddPage()
	pdf.SetFont("dejavu", "B", 14)
	pdf.CellFormat(0, 20, "Minutes", "", 1, "L", false, 0, "")
	pdf.SetFont("dejavu", "", 9.5)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		pdf.CellFormat(0, 13, sc.Text(), "", 1, "L", false, 0, "")
	}
	if err := pdf.OutputFileAndClose(os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
