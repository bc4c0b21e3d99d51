// Package workbook reads maturity levels from SPBE evaluation workbooks
// (.xlsx, .xlsm, or CSV), tolerating the layouts real workbooks have, and
// names the sheet and cell of every problem.
//
// Read is the one entry point; every command reads through it. It reads
// the layout Options.Layout asks for and hands what it finds to a
// Visitor:
//
//   - LayoutLong (the default): one instansi, a row per indicator. The
//     table goes to Visitor.Long as a Sheet of entries (indicator id,
//     level text, cells); Sheet.Levels checks them against a rubric and
//     returns index.Levels. ReadSheet is Read for this one table.
//   - LayoutWide: a row per instansi, a column per indicator (see Wide
//     layout). The header goes to Visitor.Wide, then each row to
//     Visitor.Row as it streams by; WideRow.Levels checks it.
//   - LayoutAuto: per sheet, wide when a wide header comes before a long
//     one in the first rows, else long. Options.IDCol and LevelCol are
//     long-layout columns: they mean LayoutLong.
//
// # Finding the table
//
// The sheet is Options.Sheet, else the first sheet in workbook order
// (visible sheets before hidden ones) that has a table; Options.AllSheets
// reads every sheet that has one. A name selects a sheet by one rule in
// every layout: its exact name, else ignoring case and surrounding
// spaces. A long table's header
// row is the first of the top 200 rows with an id column and a level
// column; title rows, an "Instansi: ..." line and blank rows above it are
// fine. Headers match ignoring case, surrounding and non-breaking spaces,
// line breaks and a trailing "." or ":".
//
//   - Id column: "No", "Nomor", "Kode", "ID", "No. Indikator", or
//     "Indikator" when its values are ids (the official report has "No |
//     Indikator | Nilai Tingkat Kematangan 2023" with names under
//     "Indikator"). Of several that agree, the one with the most id
//     values below the header. Of several that disagree (a running "No"
//     beside "No Indikator" in a table sorted by level), the one whose
//     header names the indicator, said in Sheet.Warnings; two of the
//     same kind that disagree are refused (ErrAmbiguous), naming both
//     and --id-col (see chooseIDColumn). Values are read by CanonicalID: 1, "01", "1.",
//     "Indikator 1", "I.1", "35A" and so on; or by CanonicalCode, the
//     assessors' kode of Indeks Pemdi ("1.1" ... "7.2"), which names an
//     indicator through the rubric's code (Indicator) and is a heading
//     under a rubric without codes.
//   - Level columns: headers containing "Tingkat Kematangan", "Nilai",
//     "Level", "Jawaban", "Penilaian", "Skor" or "Tingkat", but not those
//     that also contain "Bobot", "Indeks", "Tertimbang", "Target",
//     "Penjelasan", "Keterangan", "Kriteria", "Catatan", "Data Dukung" and
//     similar words.
//   - A header over two rows (a merged "Tingkat Kematangan" above "2022 |
//     2023", or "Nilai" above "Mandiri | Akhir") is read as the joined
//     text ("Tingkat Kematangan 2023"). A row of column numbers under the
//     header ("1 | 2 | 3 ..." or "(1) | (2) ...") is skipped.
//
// When there are several level columns, one is chosen by one ranking of
// the stages of an evaluation, the latest first (the wide layout ranks
// stage labels above repeated indicator columns by it too):
//  1. final: the header contains "akhir", "final", "evaluator" or
//     "verifikasi";
//  2. "visitasi";
//  3. "interviu" or "wawancara";
//  4. "asesor";
//  5. "dokumen";
//  6. else the column with the latest year in its header (2023 over 2022);
//  7. else a generic level header (Nilai, Nilai Indikator, ...);
//  8. a self-assessment column ("mandiri", "self");
//  9. a previous round last: "terakhir", "sebelumnya", "tahun lalu"
//     ("Nilai Evaluasi Terakhir" is the latest evaluation before this
//     one, not the final stage of this one).
//
// Stage and previous-round words match whole words only: "akhir" is not
// in "terakhir".
// Within a class the later year wins, then the rightmost column. A column
// with no values at all on the indicator rows (an evaluator column not
// filled in yet) is chosen only when every candidate is empty. The others
// are listed in Sheet.OtherLevelColumns so that the caller can say which
// one was used.
//
// Options.IDCol and Options.LevelCol override detection with a header text
// or a column letter; header text wins when a header cell has that text.
//
// # Rows
//
// Every row below the header whose id cell holds an id is an entry, to the
// end of the sheet (so that a duplicate further down is not missed). Rows
// whose id cell is empty or not an id ("Domain 1", notes, totals) are
// skipped. An id that looks like one but that Options.Known rejects
// ("48", "Indikator 48") is an error naming its cell; without Known every
// id is kept, for Sheet.Unknown and Sheet.Levels to check against the
// rubric chosen afterwards. Hidden rows are
// read, with a warning. Formula cells give their saved value; a formula
// without one (no <v>, or an empty <v></v> as openpyxl writes it) is
// computed with excelize, within bounds, or refused naming its cell
// (ErrFormula): see Formulas below.
//
// Sheet.TitleYear (the latest year in the title rows above the header,
// or in the sheet's name; looser than Sheet.Year) and Entry.Name (the
// indicator's name, from a column "Indikator", "Nama Indikator" or
// "Uraian Indikator" beside the id column) are kept as evidence of the
// instrument, for a caller choosing the rubric of plain ids that fit
// several (WideTable.TitleYear likewise).
//
// The instansi's name comes from a cell "Instansi: X", "Nama Instansi: X"
// or "Pemerintah Daerah: X" above the header, or a label cell "Instansi"
// or "Nama Instansi" with the name in the next non-empty cell to its
// right; else from the file name without its extension. The region (the
// province, Sheet.Region) is read the same way from a cell "Provinsi: X",
// "Daerah: X" or "Wilayah: X", or such a label cell with the value to its
// right; never from a title. ProvinceOf gives a provinsi's province from
// its own name; a kabupaten's or kota's province is never guessed.
//
// The year of the evaluation (Sheet.Year; WideTable.Year in the automatic
// layout; for spbe trend) comes from the rows above the header too: a title such as "Evaluasi SPBE Tahun 2025",
// "Tahun: 2025", "Tahun Anggaran 2025" or "T.A. 2025", or a label cell
// "Tahun" (or "Tahun Evaluasi", "Tahun Penilaian", "Tahun Anggaran",
// "Year") with the year in the next non-empty cell to its right. When two
// cells give different years, none is taken. A year standing alone in a
// title ("Evaluasi Kinerja Pemerintah Digital 2026") is not taken: it may
// be the year of a template.
//
// Rows hands the rows of one sheet (or a CSV file) to a function, opened
// as Read opens a file, for tables that are not evaluations (the tables
// of published results of spbe trend).
//
// # Files
//
// The format is recognised from the content. CSV files may use ',', ';'
// or tab, detected on the header line, in UTF-8 with or without a byte
// order mark, UTF-16 with one, or Windows-1252; they have no sheet, so
// their errors read "kaltim.csv: F12: ...", or "kaltim.csv: line 22:
// ..." for a record with more fields than its header (an unquoted 2,5)
// or too few to hold its level, or, in a file separated by commas, for
// a whole level followed by a bare number in a column of text
// ("21,2,5" under "No,Tingkat Kematangan,Keterangan": see csvfields.go). A CSV file is parsed as a stream within
// what a sheet holds (MaxCSVFields, MaxCSVField, MaxCSVRows, MaxCSVCells).
// An .xls, .ods, .xlsb, PDF,
// HTML or damaged file is ErrUnsupportedFormat with advice to save it as
// .xlsx; an encrypted workbook without the right password is ErrEncrypted.
// Workbooks are opened with size limits (UnzipSizeLimit,
// UnzipXMLSizeLimit) so that a zip bomb fails, are never written, and are
// always closed.
//
// # Wide layout
//
// A wide table is one row per instansi under a header, in the first 200
// rows, with an instansi name column (Instansi, Nama Instansi, Pemerintah
// Daerah, Nama), an optional category column (Kategori, Jenis), an
// optional region column (Provinsi, Daerah, Wilayah: WideRow.Region) and at
// least Options.Want / 2 of the rubric's indicators as columns (1, 2, ...,
// "Indikator 1", "I1"). Rows stream one at a time; summary rows
// (Rata-rata, Jumlah, Total, Nilai Tertinggi, Median, ... as whole words,
// or a row without an instansi's name whose levels are the maximum,
// minimum or mean of the rows above) are skipped and listed in
// WideTable.Summaries; hidden rows are read, as in the long layout.
// A plain id and a kode that name one indicator under the rubric (aspect
// columns 1..7 before 1.1..7.2) are two columns of it (CheckColumns).
// Cells are saved values; the
// name, category and level cells that are formulas without one are
// computed or refused, as in the long layout. An
// indicator with several columns is read from the one the long layout's
// ranking prefers by the label above its block, or refused as
// ErrDuplicate when two rank alike (see WideTable.pickColumns).
//
// # Formulas
//
// A formula cell whose saved value is missing or empty, in any cell type,
// is a formula without a value: such an id or level cell of a long
// table, or name, category or level cell of a wide one, is computed by
// spbe with Excel's rules for the functions it lists (computedFunctions,
// each tested against LibreOffice), never read as empty, and a level
// column of such cells is never passed over for another as "empty". The
// cells of a shared formula and of an array formula's range are computed
// from the formula of its first cell. A saved value is read as saved,
// even that of a volatile function such as RANDBETWEEN: it is what the
// author saw, the same on every run.
//
// Before computing, the formulas the cell depends on are walked without
// recursion, and the cell is refused (ErrFormula, naming it and the cell
// at fault) for a circular reference; a volatile function (RAND,
// RANDBETWEEN, RANDARRAY, NOW, TODAY, OFFSET, INDIRECT, CELL, INFO); a
// function outside the list spbe computes (computedFunctions: REPT,
// SUBSTITUTE and others that can build huge texts or arrays are not in
// it); a reference to another workbook, a table or a defined name that is
// not a plain range; a chain of more than 100 formulas; a formula longer
// than 8192 characters or nested deeper than 64; more than a million
// cells read for the workbook; a text that could pass 1 MiB; or array
// formulas over more than 100 000 cells in all. A case whose result
// depends on the computer running Excel (a text such as "2,5" read as a
// number, texts compared by order) or where Excel and LibreOffice differ
// (a logical cell, an empty text counted, 0^0) is refused, naming the
// cell and the function; so is an error value (#N/A). A range is read up
// to the last cell of its sheet.
//
// # Speed, and what excelize still does
//
// .xlsx workbooks are read in either layout by the streaming scanner of
// internal/xlsx, which holds no sheet in memory: what it keeps follows the
// table, not what the file claims, and every cell it returns is the cell
// excelize returns (see its package doc). A part declared in another
// encoding than UTF-8 (ISO-8859-1) is decoded as it streams by; an
// encrypted workbook is decrypted in memory (the file at most
// MaxFileSize, the package at most the unzip limit) and then scanned.
// excelize is opened for one thing: to hold the cells from which a formula
// without a saved value is computed, on first need, in a sheet small enough for it to hold
// (maxHandOver cells); past that the formula is refused (ErrFormula).
// Anything the scanner cannot read, a missing part or a damaged sheet, is
// ErrUnsupportedFormat. The policy is written once, in read.go.
//
// # Errors
//
// Errors are *Error values, or an errors.Join of them, and read location
// first: "kaltim.xlsx: Penilaian!F12: indicator 21: level \"n/a\" is not a
// number from 1 to 5". Each wraps one of the sentinel errors (ErrNoTable,
// ErrBadLevel, ...) for errors.Is.
package workbook
