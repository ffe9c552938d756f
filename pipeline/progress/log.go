package progress

import (
	"log/slog"
	"time"
)

// Log reports tasks as log lines: one when a task ends, with its amount of
// work and duration. It suits cron and systemd, where bars would be noise.
type Log struct {
	Logger *slog.Logger
}

// Start begins a task that logs when it is done.
func (l Log) Start(name string, total int64, unit string) Task {
	return &logTask{log: l.Logger, name: name, unit: unit, total: total, start: time.Now()}
}

type logTask struct {
	log         *slog.Logger
	name, unit  string
	total, done int64
	start       time.Time
}

func (t *logTask) Add(n int64)      { t.done += n }
func (t *logTask) SetTotal(n int64) { t.total = n }

func (t *logTask) Done(err error) {
	attrs := []any{"task", t.name, t.unit, t.done, "seconds", time.Since(t.start).Seconds()}
	if err != nil {
		t.log.Warn("task failed", append(attrs, "err", err)...)
		return
	}
	t.log.Debug("task done", attrs...)
}
