package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkStartup runs the built binary as a user does, one process per
// run: `spbe --version` (the floor: the runtime and package initialisation)
// and `spbe score` of the committed 2021 workbook, the rubric chosen by its
// indicators and, apart, named by --rubric. Each run of a command is a fresh
// process, so nothing parsed by an earlier run is reused. Besides each
// command's time, it reports score/version, the ratio that start-up must
// keep near 1 (issue 18: within about 1.3): by wall clock (ratio-wall) and
// by the CPU the processes used (ratio-cpu, steadier on a shared machine).
// The two commands alternate, so that a busy machine slows both alike.
//
//	go test -run '^$' -bench Startup -benchtime 40x ./cmd/spbe
//
// It is a benchmark, measured when asked, never a timed assertion.
func BenchmarkStartup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "spbe")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	wb, err := filepath.Abs(filepath.Join("..", "..", "testdata", "perekonomian-2021.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"score", []string{"score", wb}},
		{"score-rubric", []string{"score", wb, "--rubric", "permenpanrb-59-2020"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var base, cmd runCost
			for b.Loop() {
				base.add(b, bin, "--version")
				cmd.add(b, bin, bc.args...)
			}
			n := float64(b.N)
			b.ReportMetric(float64(base.wall.Milliseconds())/n, "version-ms/op")
			b.ReportMetric(float64(cmd.wall.Milliseconds())/n, "score-ms/op")
			b.ReportMetric(float64(cmd.wall)/float64(base.wall), "ratio-wall")
			b.ReportMetric(float64(cmd.cpu)/float64(base.cpu), "ratio-cpu")
		})
	}
}

// runCost adds up the wall-clock and CPU (user and system) time of runs.
type runCost struct{ wall, cpu time.Duration }

func (c *runCost) add(b *testing.B, bin string, args ...string) {
	b.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("spbe %v: %v\n%s", args, err, out)
	}
	c.wall += time.Since(start)
	c.cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}
