package server

import (
	"fmt"
	"testing"
	"time"
)

// TestClientThrottleCountsIPv6PerBlock checks that a client cannot escape the
// login throttle by taking a fresh address from its IPv6 /64 for each try.
func TestClientThrottleCountsIPv6PerBlock(t *testing.T) {
	t.Parallel()
	th := newClientThrottle(3, 15*time.Minute)
	now := time.Now()
	for i := 1; i <= 3; i++ {
		th.fail(fmt.Sprintf("2001:db8:1:2::%x", i), now)
	}
	if !th.blocked("2001:db8:1:2::ffff", now) {
		t.Error("another address in the same /64 is not blocked")
	}
	if th.blocked("2001:db8:1:3::1", now) {
		t.Error("a neighbouring /64 is blocked")
	}
	if th.blocked("192.0.2.1", now) {
		t.Error("an IPv4 client is blocked")
	}
}
