package se.vaxel.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address and per account name, in a sliding window: past the limit,
 * further attempts are refused without looking at the password until the oldest failure leaves
 * the window. Per account stops guessing one person's password from many addresses; per
 * address stops one client trying many accounts. A success clears the account's failures.
 */
public final class LoginLimiter {
  private final Clock clock;
  private final Duration window;
  private final int perAccount;
  private final int perAddress;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginLimiter(Clock clock, Duration window, int perAccount, int perAddress) {
    this.clock = clock;
    this.window = window;
    this.perAccount = perAccount;
    this.perAddress = perAddress;
  }

  /** How long the caller must wait before trying again; empty when it may try now. */
  public Optional<Duration> blocked(String address, String account) {
    Instant now = clock.instant();
    Optional<Duration> a = wait("account:" + account, perAccount, now);
    Optional<Duration> b = wait("address:" + address, perAddress, now);
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().compareTo(b.get()) > 0 ? a : b;
  }

  public void failed(String address, String account) {
    Instant now = clock.instant();
    add("account:" + account, now);
    add("address:" + address, now);
  }

  public void succeeded(String account) {
    failures.remove("account:" + account);
  }

  private void add(String key, Instant now) {
    Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      prune(d, now);
      d.addLast(now);
    }
  }

  private Optional<Duration> wait(String key, int limit, Instant now) {
    Deque<Instant> d = failures.get(key);
    if (d == null) {
      return Optional.empty();
    }
    synchronized (d) {
      prune(d, now);
      if (d.size() < limit) {
        return Optional.empty();
      }
      // The attempt that frees a slot: the oldest failure that must leave the window.
      Instant[] all = d.toArray(Instant[]::new);
      Instant freeing = all[d.size() - limit];
      return Optional.of(Duration.between(now, freeing.plus(window)));
    }
  }

  private void prune(Deque<Instant> d, Instant now) {
    while (!d.isEmpty() && !d.peekFirst().plus(window).isAfter(now)) {
      d.removeFirst();
    }
  }
}
