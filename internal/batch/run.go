package batch

import (
	"runtime"
	"sync"
)

// Ordered calls work on every input with up to workers goroutines and
// emit with each result in input order, from the calling goroutine. At
// most a few results per worker wait for their turn, so memory stays
// bounded whatever the number of inputs. workers < 1 means the number of
// CPUs.
func Ordered[T any](n, workers int, work func(i int) T, emit func(i int, t T)) {
	if workers < 1 {
		workers = runtime.NumCPU()
	}
	if workers == 1 || n <= 1 {
		for i := 0; i < n; i++ {
			emit(i, work(i))
		}
		return
	}
	type slot struct {
		i    int
		done chan T
	}
	jobs := make(chan slot)
	queue := make(chan slot, 2*workers) // bounds results waiting in order
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range jobs {
				s.done <- work(s.i)
			}
		}()
	}
	go func() {
		for i := 0; i < n; i++ {
			s := slot{i, make(chan T, 1)}
			queue <- s
			jobs <- s
		}
		close(jobs)
		close(queue)
	}()
	for s := range queue {
		emit(s.i, <-s.done)
	}
	wg.Wait()
}
