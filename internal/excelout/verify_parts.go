package excelout

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/workbook"
)

// What verify reads of a report's parts before it opens the report with
// excelize. excelize holds a sheet it reads at about a kilobyte a cell:
// a report padded with a million cells would take a gigabyte. So each
// worksheet is first streamed (sheetInventory): its cells are counted,
// and what a reader sees but the values do not carry is listed: formulas
// (a formula that keeps an old saved value shows another value once
// recalculated), conditional formats (a rule's style can carry a number
// format that shows any text) and drawings (a text box over a cell).
// spbe's reports hold no formulas nor drawings, and the conditional
// formats spbe writes: anything else is a difference. A sheet with more
// cells than the recomputed one could have is a difference too, and is
// not read further.

// maxProvenanceCells bounds the provenance sheet read before the report
// is recomputed: far above the levels of thousands of inputs.
const maxProvenanceCells = 1_000_000

// maxListedFormulas is how many formulas of a sheet are listed one by one.
const maxListedFormulas = 20

// reportXMLLimit is the size above which excelize keeps a sheet of the
// report in a temporary file rather than in memory.
const reportXMLLimit = 4 << 20

// sheetInventory is what streaming a worksheet part found.
type sheetInventory struct {
	cells          int // <c> elements
	maxRow, maxCol int // the last row and column of a cell with a value or a formula
	formulas       []string
	nFormulas      int
	condFormats    int      // conditionalFormatting elements, in any namespace
	drawings       []string // drawing, legacyDrawing, picture ... elements
	stopped        bool     // streaming stopped at the cell bound
}

// drawingElements are the elements of a worksheet that put something
// over its cells by themselves; a drawing part (<drawing>, and the VML of
// <legacyDrawing>) counts by the shapes it holds, since a spreadsheet
// that saves the report again may add an empty one.
var drawingElements = []string{"picture", "oleObjects", "controls"}

// inventories streams the worksheets of a workbook (a zip archive), by
// sheet name; a sheet's streaming stops past limit(name) cells.
func inventories(zr *zip.Reader, limit func(sheet string) int) (map[string]*sheetInventory, error) {
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(f.Name)] = f
	}
	sheets, err := sheetParts(files)
	if err != nil {
		return nil, err
	}
	out := map[string]*sheetInventory{}
	for _, s := range sheets {
		f := files[strings.ToLower(s.part)]
		if f == nil {
			return nil, fmt.Errorf("missing part %s of sheet %q", s.part, s.name)
		}
		inv, err := inventory(f, limit(s.name))
		if err != nil {
			return nil, fmt.Errorf("damaged part %s: %w", s.part, err)
		}
		if !inv.stopped {
			if err := sheetDrawings(files, s.part, inv); err != nil {
				return nil, err
			}
		}
		out[s.name] = inv
	}
	return out, nil
}

type namedPart struct{ name, part string }

// sheetParts reads xl/workbook.xml and its relationships: each sheet's
// name and worksheet part, in order.
func sheetParts(files map[string]*zip.File) ([]namedPart, error) {
	type sheet struct {
		Name string `xml:"name,attr"`
		ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	}
	var wb struct {
		Sheets []sheet `xml:"sheets>sheet"`
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(files, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := readXMLPart(files, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	var out []namedPart
	for _, s := range wb.Sheets {
		for _, r := range rels.Rel {
			if r.ID != s.ID {
				continue
			}
			p := strings.TrimPrefix(r.Target, "/")
			if !strings.HasPrefix(r.Target, "/") {
				p = path.Join("xl", r.Target)
			}
			out = append(out, namedPart{s.Name, p})
		}
	}
	return out, nil
}

// drawingShapes are the elements of a drawing part that show something:
// a chart's frame, a shape or text box, a picture, a group, a connector;
// and the shapes of a VML drawing (comments, legacy text boxes).
var drawingShapes = []string{"graphicFrame", "sp", "pic", "grpSp", "cxnSp", "contentPart", "shape"}

// sheetDrawings adds to inv what the sheet's relationships bring: the
// kind of each related part (drawing, comments, table ...), and the
// shapes of its drawings.
func sheetDrawings(files map[string]*zip.File, part string, inv *sheetInventory) error {
	relsName := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	if files[strings.ToLower(relsName)] == nil {
		return nil
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := readXMLPart(files, strings.ToLower(relsName), &rels); err != nil {
		return err
	}
	for _, r := range rels.Rel {
		kind := path.Base(r.Type)
		if kind == "comments" {
			inv.drawings = append(inv.drawings, "comments")
		}
		if kind != "drawing" && kind != "vmlDrawing" || r.Mode == "External" {
			continue
		}
		target := strings.TrimPrefix(r.Target, "/")
		if !strings.HasPrefix(r.Target, "/") {
			target = path.Join(path.Dir(part), r.Target)
		}
		f := files[strings.ToLower(target)]
		if f == nil {
			return fmt.Errorf("missing part %s", target)
		}
		if err := drawingInventory(f, inv); err != nil {
			return fmt.Errorf("damaged part %s: %w", target, err)
		}
	}
	return nil
}

// drawingInventory adds the shapes of a drawing part to inv.
func drawingInventory(f *zip.File, inv *sheetInventory) error {
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, workbook.UnzipSizeLimit))
	d.Strict = false // VML is not always well-formed XML
	for n := 0; ; {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if t, ok := tok.(xml.StartElement); ok && slices.Contains(drawingShapes, t.Name.Local) {
			if n++; n > 10_000 {
				inv.drawings = append(inv.drawings, "...")
				return nil
			}
			inv.drawings = append(inv.drawings, t.Name.Local)
		}
	}
}

// readXMLPart decodes a small part (at most 16 MiB) of the archive.
func readXMLPart(files map[string]*zip.File, name string, v any) error {
	f := files[name]
	if f == nil {
		return fmt.Errorf("missing part %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("damaged part %s: %w", name, err)
	}
	defer rc.Close()
	const limit = 16 << 20
	data, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err == nil && len(data) > limit {
		err = errors.New("larger than 16 MiB")
	}
	if err == nil {
		err = xml.Unmarshal(data, v)
	}
	if err != nil {
		return fmt.Errorf("damaged part %s: %w", name, err)
	}
	return nil
}

// inventory streams one worksheet part, at most workbook.UnzipSizeLimit
// bytes, stopping past limit cells.
func inventory(f *zip.File, limit int) (*sheetInventory, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	inv := &sheetInventory{}
	d := xml.NewDecoder(io.LimitReader(rc, workbook.UnzipSizeLimit))
	row, col := 0, 0
	var in string // the element whose text is wanted: "f", "v" or "t"
	var text strings.Builder
	hasValue, formula := false, false
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return inv, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if r, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = r
				} else {
					row++
				}
				col = 0
			case "c":
				if inv.cells++; inv.cells > limit {
					inv.stopped = true
					return inv, nil
				}
				if c, r, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col, row = c, r
				} else {
					col++
				}
				hasValue, formula = false, false
			case "f":
				formula, in = true, "f"
				text.Reset()
			case "v", "t":
				in = t.Name.Local
			case "conditionalFormatting":
				inv.condFormats++
			default:
				for _, e := range drawingElements {
					if t.Name.Local == e {
						inv.drawings = append(inv.drawings, e)
					}
				}
			}
		case xml.CharData:
			switch in {
			case "f":
				if text.Len() < 200 {
					text.Write(t)
				}
			case "v", "t":
				hasValue = hasValue || len(bytes.TrimSpace(t)) > 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "f", "v", "t":
				in = ""
			case "c":
				if hasValue || formula {
					inv.maxRow, inv.maxCol = max(inv.maxRow, row), max(inv.maxCol, col)
				}
				if formula {
					if inv.nFormulas++; len(inv.formulas) < maxListedFormulas {
						inv.formulas = append(inv.formulas, cell(col, row)+" ="+text.String())
					}
				}
			}
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// reportInventory streams the worksheets of the report at path.
func reportInventory(path string, limit func(string) int) (map[string]*sheetInventory, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return inventories(&zr.Reader, limit)
}

// builtInventory streams the worksheets of the report spbe builds.
func builtInventory(f *excelize.File) (map[string]*sheetInventory, error) {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return nil, err
	}
	return inventories(zr, func(string) int { return 1 << 30 })
}

// cellBound is the most cells a sheet of the report may hold when the
// recomputed one holds want: a spreadsheet that saves the report again
// may write empty cells for their style, never many more.
func cellBound(want int) int { return 2*want + 10_000 }

// compareInventories lists what a reader of the report sees that spbe
// did not write: cells beyond the recomputed sheet, formulas, conditional
// formats and drawings, over the sheets of order (the recomputed ones).
// It returns the sheets too large to be read
// further.
func compareInventories(got, want map[string]*sheetInventory, order []string) (diffs []Diff, tooLarge map[string]bool) {
	tooLarge = map[string]bool{}
	for _, name := range order {
		g, w := got[name], want[name]
		if g == nil || w == nil {
			continue // the list of sheets differs: compareSheets says so
		}
		// The provenance is bounded on its own (maxProvenanceCells); its
		// rows follow what it records, which is compared key by key.
		if name != ProvenanceSheet && (g.stopped || g.cells > cellBound(w.cells) || g.maxRow > w.maxRow || g.maxCol > w.maxCol) {
			tooLarge[name] = true
			more := ""
			if g.stopped {
				more = " or more"
			}
			diffs = append(diffs, Diff{Where: name + " cells",
				Report:     fmt.Sprintf("%d%s cells, values up to %s", g.cells, more, cell(max(1, g.maxCol), max(1, g.maxRow))),
				Recomputed: fmt.Sprintf("%d cells, values up to %s", w.cells, cell(max(1, w.maxCol), max(1, w.maxRow)))})
		}
		for i, f := range g.formulas {
			if i < len(w.formulas) && w.formulas[i] == f {
				continue
			}
			at, formula, _ := strings.Cut(f, " ")
			diffs = append(diffs, Diff{Where: name + "!" + at + " formula", Report: formula, Recomputed: "no formula"})
		}
		if n := g.nFormulas - len(g.formulas); n > 0 && g.nFormulas != w.nFormulas {
			diffs = append(diffs, Diff{Where: name + " formulas", Report: fmt.Sprintf("%d more formulas", n), Recomputed: ""})
		}
		if g.stopped {
			continue // what follows the cells was not read
		}
		if g.condFormats != w.condFormats {
			diffs = append(diffs, Diff{Where: name + " conditional formats",
				Report: fmt.Sprintf("%d ranges", g.condFormats), Recomputed: fmt.Sprintf("%d ranges", w.condFormats)})
		}
		if gd, wd := strings.Join(g.drawings, " "), strings.Join(w.drawings, " "); gd != wd {
			diffs = append(diffs, Diff{Where: name + " drawings", Report: gd, Recomputed: wd})
		}
	}
	return diffs, tooLarge
}
