package se.vaxel.serve;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in sessions, in memory (a restart logs everyone out, which is acceptable for a
 * console). A session ends after {@link #idle} without a request or {@link #absolute} after
 * login, whichever comes first; each has its own CSRF token, required on every change.
 */
public final class Sessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One session.
   *
   * @param user the account name (or the SSO user)
   * @param staffId the person a staff session may act for; empty for a switchboard session
   *     without one
   */
  public record Session(String id, String user, Role role, String staffId, String csrf,
      Instant created, Instant lastSeen) {}

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  public Sessions(Clock clock, Duration idle, Duration absolute) {
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  /** A new session with fresh, unguessable id and CSRF token. */
  public Session create(String user, Role role, String staffId) {
    Instant now = clock.instant();
    Session s = new Session(token(), user, role, staffId, token(), now, now);
    byId.put(s.id(), s);
    return s;
  }

  /** The live session of {@code id}, touched; empty (and forgotten) once expired. */
  public Optional<Session> get(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(absolute))) {
      byId.remove(id);
      return Optional.empty();
    }
    Session touched = new Session(s.id(), s.user(), s.role(), s.staffId(), s.csrf(),
        s.created(), now);
    byId.replace(id, s, touched);
    return Optional.of(touched);
  }

  /**
   * The live session of {@code id}, not touched: for a long-lived stream that must notice its
   * session's end without keeping it alive itself.
   */
  public Optional<Session> peek(String id) {
    Session s = id == null ? null : byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(s.lastSeen().plus(idle)) || !now.isBefore(s.created().plus(absolute))) {
      byId.remove(id, s);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  public void remove(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** Ends every session of {@code user} (the account was removed or its password changed). */
  public void removeUser(String user) {
    byId.values().removeIf(s -> s.user().equals(user));
  }

  /** Forgets expired sessions; called now and then so that abandoned ones do not pile up. */
  public void sweep() {
    Instant now = clock.instant();
    byId.values().removeIf(s -> !now.isBefore(s.lastSeen().plus(idle))
        || !now.isBefore(s.created().plus(absolute)));
  }

  public int size() {
    return byId.size();
  }

  /** Whether {@code given} is the session's CSRF token, compared in constant time. */
  public static boolean csrfMatches(Session session, String given) {
    return given != null && MessageDigest.isEqual(
        session.csrf().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
