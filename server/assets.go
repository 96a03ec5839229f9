package server

import (
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

//go:embed static
var staticFS embed.FS

// assets serves static files under content-hashed names, so they can be
// cached for a year and a new version is a new URL.
type assets struct {
	byURL map[string]*packed // "/static/site.1a2b3c4d.css" -> file, gzipped once
	urlOf map[string]string  // "site.css" -> "/static/site.1a2b3c4d.css"
}

// mount is a file tree served under a prefix of /static/.
type mount struct {
	prefix string
	fsys   fs.FS
}

func loadAssets(extra ...mount) (*assets, error) {
	own, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	as := &assets{byURL: map[string]*packed{}, urlOf: map[string]string{}}
	for _, m := range append([]mount{{"", own}}, extra...) {
		err := fs.WalkDir(m.fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			body, err := fs.ReadFile(m.fsys, name)
			if err != nil {
				return err
			}
			return as.add(m.prefix+name, body)
		})
		if err != nil {
			return nil, fmt.Errorf("server: load static files: %w", err)
		}
	}
	return as, nil
}

func (as *assets) add(name string, body []byte) error {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])[:12]
	ext := path.Ext(name)
	url := "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext
	ctype := mime.TypeByExtension(ext)
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	level := noGzip
	if compressible(ctype) {
		level = gzip.BestCompression
	}
	a, err := pack(body, ctype, "public, max-age=31536000, immutable", `"`+hash+`"`, level)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	as.byURL[url] = a
	as.urlOf[name] = url
	return nil
}

func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
		strings.Contains(ctype, "json") || strings.Contains(ctype, "svg")
}

// URL is the hashed URL of a static file; start-up fails on an unknown name
// because templates call it while they are checked.
func (as *assets) URL(name string) (string, error) {
	u, ok := as.urlOf[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// serveAsset answers /static/* from memory.
func (s *Server) serveAsset(c echo.Context) error {
	a, ok := s.assets.byURL[c.Request().URL.Path]
	if !ok {
		return echo.ErrNotFound
	}
	return a.send(c)
}
