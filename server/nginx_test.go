package server

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBehindNginx runs the shipped nginx site (testdata/nginx) with a
// self-signed certificate in front of the real binary, started with
// -behind-tls -trusted-proxies 127.0.0.1/32, and checks as clients on
// different loopback addresses: per-client rate limits hold through the
// proxy and cannot be escaped with forged headers, HSTS and Secure cookies
// are sent, HTTP redirects to HTTPS, connections per client are limited,
// and a submitted report leaves no line in nginx's access log.
func TestBehindNginx(t *testing.T) {
	if _, err := exec.LookPath("nginx"); err != nil {
		if _, err := os.Stat("/usr/sbin/nginx"); err != nil {
			t.Skip("skipped: nginx is not installed (make test installs it)")
		}
	}
	dir := t.TempDir()
	pool := selfSignedCert(t, dir)
	httpAddr, httpsAddr := freeAddr(t), freeAddr(t)
	bin := buildPortal(t, dir)
	portal := runPortal(t, bin, filepath.Join(dir, "portal.db"), "-behind-tls", "-trusted-proxies", "127.0.0.1/32",
		"-base-url", "https://"+httpsAddr, "-status-rate", "3/10m")

	site := shippedSite(t, map[string]string{
		"    listen 80;\n":                       "    listen " + httpAddr + ";\n",
		"    listen [::]:80;\n":                  "",
		"    listen 443 ssl;\n":                  "    listen " + httpsAddr + " ssl;\n",
		"    listen [::]:443 ssl;\n":             "",
		"/etc/ssl/certs/cyberhulp.example.pem":   filepath.Join(dir, "cert.pem"),
		"/etc/ssl/private/cyberhulp.example.key": filepath.Join(dir, "key.pem"),
		"server 127.0.0.1:8080;":                 "server " + strings.TrimPrefix(portal.base, "http://") + ";",
		"/var/log/nginx/cyberportal.access.log":  filepath.Join(dir, "access.log"),
	})
	proxyConf, err := os.ReadFile(filepath.Join("testdata", "nginx", "cyberportal-proxy.conf"))
	if err != nil {
		t.Fatal(err)
	}
	inReadme(t, string(proxyConf))
	if err := os.WriteFile(filepath.Join(dir, "cyberportal-proxy.conf"), proxyConf, 0o644); err != nil {
		t.Fatal(err)
	}
	runNginx(t, dir, site)
	base := "https://" + httpsAddr
	alice, bob, carol := clientFrom(t, "127.0.0.2", pool), clientFrom(t, "127.0.0.3", pool), clientFrom(t, "127.0.0.4", pool)
	waitUpWith(t, alice, base+"/healthz")

	// HSTS and Secure cookies, through the proxy.
	res, _ := fetch(t, alice, http.MethodGet, base+"/en/report/status", nil, nil)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Fatalf("status page through nginx: %d, HSTS %q", res.StatusCode, res.Header.Get("Strict-Transport-Security"))
	}
	for _, line := range res.Header.Values("Set-Cookie") {
		if !strings.Contains(line, "; Secure") || !strings.HasPrefix(line, "__Host-") {
			t.Errorf("cookie without Secure or the __Host- prefix through nginx: %s", line)
		}
	}
	if len(res.Header.Values("Set-Cookie")) == 0 {
		t.Error("the status page set no cookie to check")
	}

	// Per-client limits: alice's 4th lookup is refused, even when she
	// writes other addresses into the proxy headers; bob is not affected.
	lookup := func(c *http.Client, header ...string) int {
		_, page := fetch(t, c, http.MethodGet, base+"/en/report/status", nil, nil)
		m := csrfField.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no CSRF token on the status page")
		}
		res, _ := fetch(t, c, http.MethodPost, base+"/en/report/status", url.Values{"_csrf": {m[1]}, "code": {"AAAA-BBBB-CCCC-DDDD"}}, header)
		return res.StatusCode
	}
	got := []int{lookup(alice), lookup(alice), lookup(alice),
		lookup(alice, "X-Forwarded-For", "198.51.100.1"),
		lookup(alice, "Forwarded", "for=198.51.100.2"),
		lookup(bob)}
	if want := []int{200, 200, 200, 429, 429, 200}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lookups through nginx: %v, want %v (alice 3 then refused, forged headers too; bob his own count)", got, want)
	}

	// A report submitted through the proxy leaves no access-log line,
	// while other pages are logged.
	fetch(t, bob, http.MethodGet, base+"/en/", nil, nil)
	_, form := fetch(t, bob, http.MethodGet, base+"/en/report", nil, nil)
	token := csrfField.FindStringSubmatch(form)
	if token == nil {
		t.Fatal("no CSRF token on the report form")
	}
	answers := validAnswers()
	answers.Set("_csrf", token[1])
	_, check := fetch(t, bob, http.MethodPost, base+"/en/report", answers, nil)
	res, done := fetch(t, bob, http.MethodPost, base+"/en/report/done", hiddenFields(check), nil)
	if res.StatusCode != http.StatusOK || !receiptOnPage.MatchString(done) {
		t.Fatalf("report through nginx: %d\n%s", res.StatusCode, mainOf(done))
	}
	accessLog, err := os.ReadFile(filepath.Join(dir, "access.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(accessLog), "GET /en/ ") {
		t.Errorf("the access log has no line for the home page, so it proves nothing:\n%s", accessLog)
	}
	if strings.Contains(string(accessLog), "/report") {
		t.Errorf("nginx logged a report route:\n%s", accessLog)
	}
	if log := portal.log.String(); strings.Contains(log, "127.0.0.2") || strings.Contains(log, "127.0.0.3") {
		t.Errorf("the portal's log holds a client address:\n%s", portal.log)
	}

	// Plain HTTP redirects to HTTPS.
	plain := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, _ = fetch(t, plain, http.MethodGet, "http://"+httpAddr+"/en/advice?x=1", nil, nil)
	if loc := res.Header.Get("Location"); res.StatusCode != http.StatusMovedPermanently || !strings.HasPrefix(loc, "https://") || !strings.HasSuffix(loc, "/en/advice?x=1") {
		t.Errorf("HTTP: %d to %q, want 301 to https://…/en/advice?x=1", res.StatusCode, loc)
	}

	// Connections per client: carol holds 20 requests open (headers sent,
	// body pending); her 21st is refused, alice is served.
	for range 20 {
		holdRequest(t, "127.0.0.4", httpsAddr, pool)
	}
	time.Sleep(200 * time.Millisecond) // let nginx count them
	if res, _ := fetch(t, carol, http.MethodGet, base+"/en/", nil, nil); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("carol's 21st connection: %d, want 429", res.StatusCode)
	}
	if res, _ := fetch(t, alice, http.MethodGet, base+"/en/", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("alice while carol holds 20 connections: %d, want 200", res.StatusCode)
	}
}

// shippedSite reads the shipped site file and makes each replacement, which
// must match: when the file changes, the test says so rather than testing
// something else.
func shippedSite(t *testing.T, replace map[string]string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "nginx", "cyberportal.conf"))
	if err != nil {
		t.Fatal(err)
	}
	site := string(b)
	inReadme(t, site)
	for old, repl := range replace {
		if !strings.Contains(site, old) {
			t.Fatalf("testdata/nginx/cyberportal.conf no longer contains %q: update the test with the file", old)
		}
		site = strings.ReplaceAll(site, old, repl)
	}
	return site
}

// inReadme fails unless the README shows text as it is, so what the
// README tells operators to install is what the tests run.
func inReadme(t *testing.T, text string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), text) {
		t.Errorf("README.md does not show this file as it is:\n%s", text)
	}
}

// selfSignedCert writes cert.pem and key.pem for 127.0.0.1 into dir and
// returns a pool that trusts it.
func selfSignedCert(t *testing.T, dir string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "cyberportal test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	if err := os.WriteFile(filepath.Join(dir, "cert.pem"), certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	return pool
}

// clientFrom is a browser-like client (its own cookies) connecting from a
// given loopback address, trusting pool.
func clientFrom(t *testing.T, ip string, pool *x509.CertPool) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	tr := &http.Transport{DialContext: d.DialContext, TLSClientConfig: &tls.Config{RootCAs: pool}}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Jar: jar, Transport: tr, Timeout: 20 * time.Second}
}

// holdRequest opens a TLS connection from ip and sends a POST's headers
// without its body, so nginx counts a request in progress until the test
// ends.
func holdRequest(t *testing.T, ip, addr string, pool *x509.CertPool) {
	t.Helper()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	conn, err := tls.DialWithDialer(d, "tcp", addr, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "POST /en/report/status HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n")
}

// fetch sends a request (a form when form is not nil) with extra headers and
// returns the response with its body read.
func fetch(t *testing.T, c *http.Client, method, target string, form url.Values, header []string) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(context.Background(), method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(bufio.NewReader(res.Body))
	return res, string(b)
}

// waitUpWith waits until url answers 200 through c.
func waitUpWith(t *testing.T, c *http.Client, url string) {
	t.Helper()
	for range 200 {
		if res, err := c.Get(url); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("%s did not come up", url)
}
