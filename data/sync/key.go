package sync

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/nats-io/nkeys"
)

// Key is a member's key pair: an nkeys user key (ed25519), the same kind
// NATS authenticates with. Public is the "U…" public key other replicas
// know the member by; the seed never leaves the key file.
type Key struct {
	Public string
	pair   nkeys.KeyPair
	// priv is the pair's private key, derived once: nkeys derives it from
	// the seed again on every signature, which costs as much as signing.
	priv ed25519.PrivateKey
}

// NewKey makes a fresh key pair.
func NewKey() (*Key, error) {
	kp, err := nkeys.CreateUser()
	if err != nil {
		return nil, err
	}
	return keyOf(kp)
}

// KeyFromSeed reads a key from its seed ("SU…").
func KeyFromSeed(seed []byte) (*Key, error) {
	kp, err := nkeys.FromSeed(bytes.TrimSpace(seed))
	if err != nil {
		return nil, fmt.Errorf("not a key seed: %w", err)
	}
	return keyOf(kp)
}

func keyOf(kp nkeys.KeyPair) (*Key, error) {
	pub, err := kp.PublicKey()
	if err != nil {
		return nil, err
	}
	if !nkeys.IsValidPublicUserKey(pub) {
		return nil, errors.New("the key is not a user key")
	}
	seed, err := kp.Seed()
	if err != nil {
		return nil, err
	}
	_, raw, err := nkeys.DecodeSeed(seed)
	if err != nil {
		return nil, err
	}
	return &Key{Public: pub, pair: kp, priv: ed25519.NewKeyFromSeed(raw)}, nil
}

// Seed is the key's private seed, for the key file only.
func (k *Key) Seed() ([]byte, error) { return k.pair.Seed() }

// Sign signs b (for the hub's nkey challenge).
// The signature is the one nkeys makes (ed25519 is deterministic).
func (k *Key) Sign(b []byte) ([]byte, error) { return ed25519.Sign(k.priv, b), nil }

// KeyDir is where member keys live: the user's config folder, never
// beside the database, so neither a copy of the database nor an export
// carries them.
func KeyDir() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the user configuration folder: %w", err)
	}
	return filepath.Join(dir, "Triad", "keys"), nil
}

// KeyPath is the file holding this laptop's key for team in dir.
func KeyPath(dir, team string) string { return filepath.Join(dir, team+".nk") }

// LoadOrCreateKey reads team's key from dir, or makes one and writes it
// (0600 in a 0700 folder) when there is none.
func LoadOrCreateKey(dir, team string) (*Key, error) {
	if err := ValidTeam(team); err != nil {
		return nil, err
	}
	k, err := LoadKey(dir, team)
	if err == nil || !errors.Is(err, os.ErrNotExist) {
		return k, err
	}
	if k, err = NewKey(); err != nil {
		return nil, err
	}
	seed, err := k.Seed()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the key folder: %w", err)
	}
	path := KeyPath(dir, team)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot write the key file: %w", err)
	}
	if _, err := f.Write(append(seed, '\n')); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return k, f.Close()
}

// LoadKey reads team's key from dir; a missing file wraps os.ErrNotExist.
// A key file others can read is refused.
func LoadKey(dir, team string) (*Key, error) {
	path := KeyPath(dir, team)
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("no key for team %s in %s: %w", team, dir, err)
	}
	if runtime.GOOS != "windows" && st.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the key file %s can be read by others (mode %v): chmod 600 it", path, st.Mode().Perm())
	}
	seed, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return KeyFromSeed(seed)
}
