//go:build unix

package excelout

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/spbe-id/spbe/internal/fixture"
	"github.com/spbe-id/spbe/internal/result"
)

// A recorded input or rubric that is a FIFO would block verify on open
// for ever: it is refused before it is opened.
func TestVerifyRecordedFIFO(t *testing.T) {
	r := mustRubric(t, "permenpanrb-59-2020")
	dir := t.TempDir()
	e := evaluation(t, dir, "in.xlsx", "Instansi Contoh", r, fixture.Perekonomian2021)
	clean := writeReport(t, []*result.Evaluation{e}, "id")
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	for _, key := range []string{"input", "rubric_source"} {
		out := filepath.Join(t.TempDir(), "report.xlsx")
		copyFile(t, clean, out)
		edit(t, out, func(f *excelize.File) { setProvenance(t, f, key, fifo) })
		done := make(chan error, 1)
		go func() {
			_, err := Verify(out, "")
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("%s of a FIFO: %v", key, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s of a FIFO: Verify hangs", key)
		}
	}
}
