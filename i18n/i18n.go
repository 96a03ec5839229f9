// Package i18n holds the portal's translation catalogues (nl, en, fr) and the
// Printer that pages and charts use to speak one language: messages,
// plural forms, numbers, percentages, dates and month names.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/text/language"
)

// languages are the portal's languages, the default first, each with its
// name in itself (as language switchers show it) and its tag for matching.
var languages = [...]struct {
	code, name string
	tag        language.Tag
}{
	{"nl", "Nederlands", language.Dutch},
	{"en", "English", language.English},
	{"fr", "Français", language.French},
}

// Default is the language for visitors whose preference we cannot match.
const Default = "nl"

// Languages are the portal's language codes, the default first; a fresh
// copy, so no caller can change the list for the others.
func Languages() []string {
	out := make([]string, len(languages))
	for i, l := range languages {
		out[i] = l.code
	}
	return out
}

// Name is a language's name in itself: "Nederlands" for nl; "" for a code
// that is not one of the portal's languages.
func Name(lang string) string {
	for _, l := range languages {
		if l.code == lang {
			return l.name
		}
	}
	return ""
}

// Locales holds the catalogues: locales/{lang}/{area}.json, each a flat JSON
// object of key to message. Areas let each part of the portal own its file.
//
//go:embed locales
var Locales embed.FS

// Catalogue is every message in every language.
type Catalogue struct {
	messages map[string]map[string]string // lang -> key -> message
	printers map[string]*Printer
}

// Load reads locales/{lang}/*.json from fsys. A key defined twice in one
// language, a file that is not a flat object of strings, or a language without
// files is an error naming the file.
func Load(fsys fs.FS) (*Catalogue, error) {
	c := &Catalogue{messages: map[string]map[string]string{}, printers: map[string]*Printer{}}
	for _, lang := range Languages() {
		files, err := fs.Glob(fsys, path.Join("locales", lang, "*.json"))
		if err != nil {
			return nil, fmt.Errorf("i18n: list %s: %w", lang, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("i18n: no catalogue files for %q", lang)
		}
		msgs := map[string]string{}
		for _, name := range files {
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, fmt.Errorf("i18n: read %s: %w", name, err)
			}
			var m map[string]string
			if err := json.Unmarshal(b, &m); err != nil {
				return nil, fmt.Errorf("i18n: parse %s: %w", name, err)
			}
			for k, v := range m {
				if _, dup := msgs[k]; dup {
					return nil, fmt.Errorf("i18n: %s: key %q is defined twice in %s", name, k, lang)
				}
				msgs[k] = v
			}
		}
		c.messages[lang] = msgs
		c.printers[lang] = newPrinter(lang, msgs)
	}
	return c, nil
}

// Rewrite replaces every message with what rewrite makes of it, for
// example to render shortcodes of contact facts from the directory of
// official bodies. An error names the language and key and leaves the
// catalogue as it was.
func (c *Catalogue) Rewrite(rewrite func(lang, msg string) (string, error)) error {
	out := map[string]map[string]string{}
	for lang, msgs := range c.messages {
		out[lang] = make(map[string]string, len(msgs))
		for k, v := range msgs {
			nv, err := rewrite(lang, v)
			if err != nil {
				return fmt.Errorf("i18n: %s %q: %w", lang, k, err)
			}
			out[lang][k] = nv
		}
	}
	for lang, msgs := range out {
		c.messages[lang] = msgs
		c.printers[lang] = newPrinter(lang, msgs)
	}
	return nil
}

// Printer returns the printer for lang, or for the default language when lang
// is not one of ours.
func (c *Catalogue) Printer(lang string) *Printer {
	if p, ok := c.printers[lang]; ok {
		return p
	}
	return c.printers[Default]
}

// Keys returns the sorted keys defined for lang.
func (c *Catalogue) Keys(lang string) []string {
	keys := make([]string, 0, len(c.messages[lang]))
	for k := range c.messages[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether key is defined in lang.
func (c *Catalogue) Has(lang, key string) bool {
	_, ok := c.messages[lang][key]
	return ok
}

// Message returns the raw message for key in lang.
func (c *Catalogue) Message(lang, key string) string {
	return c.messages[lang][key]
}

// Valid reports whether lang is one of the portal's languages.
func Valid(lang string) bool {
	for _, l := range Languages() {
		if l == lang {
			return true
		}
	}
	return false
}

// verbs returns the fmt verbs of a message in order of argument index, so a
// test can check that every translation takes the same arguments.
func verbs(msg string) []string {
	var verbs []string
	for i := 0; i < len(msg); i++ {
		if msg[i] != '%' {
			continue
		}
		j := i + 1
		if j < len(msg) && msg[j] == '%' {
			i = j
			continue
		}
		for j < len(msg) && strings.IndexByte("[]0123456789.+-# ", msg[j]) >= 0 {
			j++
		}
		if j < len(msg) {
			verbs = append(verbs, msg[i:j+1])
		}
		i = j
	}
	sort.Strings(verbs)
	return verbs
}
