// Package team is the window's Team screen: how this laptop stands in its
// team (the hub, the sync's status, the seats of each shared pod, the
// joins asked) and what it did not apply of the others' changes, each
// refused event with why and each delete kept because it met an edit.
package team
