//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal with the standard library alone (Linux:
// /dev/ptmx, unlocked, and its /dev/pts/N), so that the prompt is tested
// without a new dependency or an outside tool.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	var unlock int32
	var n uint32
	if err := ioctl(m, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		m.Close()
		t.Fatalf("unlocking the pseudo-terminal: %v", err)
	}
	if err := ioctl(m, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		m.Close()
		t.Fatalf("naming the pseudo-terminal: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Fatalf("opening the pseudo-terminal: %v", err)
	}
	return m, s
}

func ioctl(f *os.File, req uintptr, arg unsafe.Pointer) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); e != 0 {
		return e
	}
	return nil
}

// echoes reports whether the terminal echoes what is typed.
func echoes(t *testing.T, tty *os.File) bool {
	var tio syscall.Termios
	if err := ioctl(tty, syscall.TCGETS, unsafe.Pointer(&tio)); err != nil {
		t.Fatalf("reading the terminal's modes: %v", err)
	}
	return tio.Lflag&syscall.ECHO != 0
}

// syncBuffer is what the terminal shows, written by one goroutine and
// read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// The password prompt, tested on the binary in a pseudo-terminal as a user
// meets it: an encrypted workbook, no --password and no $SPBE_PASSWORD, and
// stdin a terminal. spbe asks in the language of messages, the answer is
// typed only once the terminal no longer echoes (so an echo would show in
// what the terminal shows), the right password scores the official 2,95,
// and a wrong one exits 3 with the wrong-password message.
func TestPasswordPrompt(t *testing.T) {
	bin, err := exec.LookPath("spbe") // put in $PATH by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := kaltimVariant(t, dir, "rahasia.xlsx", "kaltim", nil)
	for _, c := range []struct {
		lang, answer string
		code         int
		prompt, want string
	}{
		{"en", "kaltim", exitOK, "Password of " + in + " (not shown): ", ",2.95,"},
		{"id", "kaltim", exitOK, "Kata sandi " + in + " (tidak ditampilkan): ", ",2.95,"},
		{"en", "bukan-ini", exitInvalid, "Password of " + in + " (not shown): ", "workbook is encrypted and the password is wrong"},
		{"id", "bukan-ini", exitInvalid, "Kata sandi " + in + " (tidak ditampilkan): ", "lembar kerja ini terenkripsi dan kata sandinya salah"},
	} {
		t.Run(c.lang+"-"+c.answer, func(t *testing.T) {
			master, tty := openPTY(t)
			defer master.Close()
			cmd := exec.Command(bin, "score", in, "--format", "csv")
			cmd.Env = append(withoutEnv(os.Environ(), passwordEnv, langEnv), "NO_COLOR=1", langEnv+"="+c.lang)
			cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
			if err := cmd.Start(); err != nil {
				tty.Close()
				t.Fatal(err)
			}
			var shown syncBuffer
			copied := make(chan struct{})
			go func() {
				io.Copy(&shown, master) // ends with EIO once no one holds the terminal
				close(copied)
			}()
			deadline := time.Now().Add(30 * time.Second)
			for !strings.Contains(shown.String(), c.prompt) || echoes(t, tty) {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					tty.Close()
					t.Fatalf("no prompt %q with echo off in 30 s; the terminal shows:\n%s", c.prompt, shown.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
			if _, err := master.Write([]byte(c.answer + "\r")); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			tty.Close()
			<-copied
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			got := shown.String()
			if code != c.code || !strings.Contains(got, c.want) {
				t.Errorf("exit %d, the terminal shows:\n%s\nwant exit %d and %q", code, got, c.code, c.want)
			}
			if strings.Contains(got, c.answer) {
				t.Errorf("the password %q was echoed:\n%s", c.answer, got)
			}
			if strings.Count(got, c.prompt) != 1 {
				t.Errorf("asked %d times, want once:\n%s", strings.Count(got, c.prompt), got)
			}
		})
	}
}

// withoutEnv returns env without the variables named.
func withoutEnv(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, n := range names {
			keep = keep && name != n
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}
