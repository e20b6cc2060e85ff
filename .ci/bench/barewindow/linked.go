//go:build linked

// Built with -tags linked, the bare window also links the libraries every Triad
// process carries (Fyne, SQLite, the NATS server and client) without
// calling them: their package initialisation and the larger binary are
// then part of the floor, as they are of Triad's start-up.
package main

import (
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/dialog"
	_ "fyne.io/fyne/v2/widget"
	_ "github.com/mattn/go-sqlite3"
	_ "github.com/nats-io/nats-server/v2/server"
	_ "github.com/nats-io/nats.go"
)
