package server

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

//go:embed static
var staticFS embed.FS

// asset is one static file, kept in memory with its gzipped form so large
// files (the chart bundle) are not compressed on every request.
type asset struct {
	body, gz []byte
	ctype    string
	etag     string
}

// assets serves static files under content-hashed names, so they can be
// cached for a year and a new version is a new URL.
type assets struct {
	byURL map[string]*asset // "/static/site.1a2b3c4d.css" -> file
	urlOf map[string]string // "site.css" -> "/static/site.1a2b3c4d.css"
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
	as := &assets{byURL: map[string]*asset{}, urlOf: map[string]string{}}
	for _, m := range append([]mount{{"", own}}, extra...) {
		err := fs.WalkDir(m.fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			body, err := fs.ReadFile(m.fsys, name)
			if err != nil {
				return err
			}
			as.add(m.prefix+name, body)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("server: load static files: %w", err)
		}
	}
	return as, nil
}

func (as *assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])[:12]
	ext := path.Ext(name)
	url := "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext
	a := &asset{body: body, ctype: mime.TypeByExtension(ext), etag: `"` + hash + `"`}
	if a.ctype == "" {
		a.ctype = "application/octet-stream"
	}
	if compressible(a.ctype) {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		a.gz = buf.Bytes()
	}
	as.byURL[url] = a
	as.urlOf[name] = url
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
	h := c.Response().Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", a.etag)
	h.Set("Vary", "Accept-Encoding")
	if c.Request().Header.Get("If-None-Match") == a.etag {
		return c.NoContent(http.StatusNotModified)
	}
	if a.gz != nil && strings.Contains(c.Request().Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		return c.Blob(http.StatusOK, a.ctype, a.gz)
	}
	return c.Blob(http.StatusOK, a.ctype, a.body)
}
