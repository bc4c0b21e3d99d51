// Package xlsx reads the cells of an .xlsx (or .xlsm) workbook as a
// stream: the streaming reader behind internal/workbook, which finds the
// tables in what it returns. It knows nothing of tables, indicators or
// levels, and imports nothing of internal/workbook.
//
// # What it reads
//
// Open reads the zip directory, the sheet list (xl/workbook.xml and its
// relationships, in workbook order, hidden sheets marked) and the date
// system; OpenReader does the same for a package held in memory (an
// encrypted workbook once decrypted). Before the first sheet, Rows reads
// the shared strings (xl/sharedStrings.xml) and the cell styles that show
// numbers as dates (xl/styles.xml); then it streams the sheet's rows to a
// RowFunc, one at a time, and holds no sheet in memory.
//
// A cell's value is the text excelize returns with RawCellValue, and the
// differential test (diff_test.go) and FuzzScan hold every cell to that,
// against Excelize, the reader that reads through excelize the same way:
//
//   - a number as stored, in exponent notation written out as plain
//     decimal text ("1.25E+0" is "1.25", NumericText);
//   - a number in a date format as the date it shows ("2024-01-01", or
//     with a time), in the 1900 or 1904 date system;
//   - a boolean as TRUE or FALSE, so that it is never taken for 1 or 0;
//   - a shared string or an inline string as excelize reads a string item:
//     the text of its <t>, then of each run's <t>, phonetic runs left out,
//     Excel's _xHHHH_ escapes decoded;
//   - a formula's saved value. A formula without one (no <v>, or an empty
//     <v></v> as openpyxl writes it) reads as "", and Pending reports it,
//     as it does the cells of an array formula's range other than its
//     first; Uncached gives its formula. Computing it is the caller's
//     business (internal/workbook opens excelize for that, when Span and
//     SharedStrings say the sheet is small enough for excelize to hold).
//
// The XML of every part is read by one tokenizer (xml.go) as encoding/xml,
// and so excelize, reads it: comments, CDATA sections and processing
// instructions are not tags; entity and character references are
// decoded; names may carry a namespace prefix; attributes come in any
// order and either quote; line ends become "\n". FuzzXMLScan holds it to
// encoding/xml.
//
// A part whose XML declaration names another encoding than UTF-8
// (encoding="ISO-8859-1", "windows-1252", "latin1", ...) is decoded as it
// streams by, with the WHATWG index of labels that excelize uses
// (golang.org/x/net/html/charset, through encoding/xml's CharsetReader):
// ISO-8859-1 is read as windows-1252, as browsers and excelize read it.
// Every label but "utf-8" (in any case) is decoded, as encoding/xml does.
//
// # Limits
//
// What the reader keeps follows the table, not what the file claims:
//
//   - the unpacked size of the workbook, as its zip directory gives it,
//     at most the limit given to Open (ErrTooLarge); the zip reader holds
//     every part to its declared size;
//   - at most 10 000 sheets;
//   - the shared strings in one block of at most MaxSharedStrings bytes of
//     text, a byte or two of overhead each;
//   - a cell of at most 32 767 characters, Excel's limit;
//   - a tag of at most 1 MiB, elements nested at most 256 deep, at most
//     four XML declarations that switch the encoding of a part;
//   - rows and columns within Excel's (MaxRows, MaxCols).
//
// # What it refuses
//
// Anything it cannot read as Excel writes it is an *Error wrapping
// ErrUnsupportedFormat, naming the file, and the sheet, the part and the
// cell or byte where there is one; it never guesses: a damaged or
// truncated zip; a missing workbook, relationship or sheet part; XML that
// is not well formed (a tag closed by another, a character outside XML's
// range, invalid UTF-8 in a UTF-8 part, an unknown entity); a DOCTYPE or
// any other <!declaration, so that no entity is ever defined, let alone
// expanded; an encoding label that the WHATWG index does not know; rows
// out of order, cells out of order or named in another row; a shared
// string that does not exist; a cell longer than Excel allows. It may
// refuse what excelize reads; it may not read it otherwise.
//
// # When excelize takes over
//
// Never for reading cells: there is no fallback. The caller opens excelize
// only to compute a formula without a saved value (see Pending and Span),
// and to decrypt an encrypted workbook before OpenReader. Excelize reads a
// workbook opened with excelize as this package reads it, for the
// differential test and for a caller that has excelize open anyway.
package xlsx
