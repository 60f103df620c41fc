package se.vaxel.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.render.Templates;
import se.vaxel.render.Texts;
import se.vaxel.serve.AbsenceForm;
import se.vaxel.serve.Accounts;
import se.vaxel.serve.AuditLog;
import se.vaxel.serve.Board;
import se.vaxel.serve.LastCheck;
import se.vaxel.serve.LoginLimiter;
import se.vaxel.serve.PasswordHasher;
import se.vaxel.serve.Role;
import se.vaxel.serve.Sessions;

/**
 * The HTTP face of {@code vaxel serve}: Javalin's glue, and the only package that imports it.
 * Every request is authorised here, on the server, before it reaches a handler (docs/serve.md,
 * "Security"); the handlers only ask the {@link Board}.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  static final String COOKIE = "vaxel_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final String CSRF_FIELD = "csrf";
  /** Events a console may fall behind by before it is dropped (it reconnects and re-reads). */
  static final int CONSOLE_QUEUE = 4096;

  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
      + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
      + "base-uri 'none'";

  /**
   * How the server is reached and trusts.
   *
   * @param trustedProxy the reverse proxy's address; only its requests may carry the user
   *     header, and only its X-Forwarded-For/-Proto are believed
   * @param userHeader the SSO header the proxy sets (e.g. X-Remote-User); empty: passwords
   * @param checkReport the last check's JSON report, for "my page"
   */
  public record Settings(String host, int port, Optional<String> trustedProxy,
      Optional<String> userHeader, Language language, Optional<java.nio.file.Path> checkReport) {}

  private final Board board;
  private final Supplier<Accounts> accounts;
  private final PasswordHasher hasher;
  private final Sessions sessions;
  private final LoginLimiter limiter;
  private final AuditLog audit;
  private final Templates pages;
  private final Settings settings;
  private final String dummyHash;
  private Javalin app;
  /** How long an idle console stream waits before a keep-alive (and a session re-check). */
  private volatile Duration keepAlive = Duration.ofSeconds(15);
  /** The open consoles' sender threads, stopped before the server is. */
  private final java.util.Set<Thread> senders = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public WebServer(Board board, Supplier<Accounts> accounts, PasswordHasher hasher,
      Sessions sessions, LoginLimiter limiter, AuditLog audit, Templates pages,
      Settings settings) {
    this.board = board;
    this.accounts = accounts;
    this.hasher = hasher;
    this.sessions = sessions;
    this.limiter = limiter;
    this.audit = audit;
    this.pages = pages;
    this.settings = settings;
    // Unknown names cost a hash check too, so response times do not tell which names exist.
    this.dummyHash = hasher.hash("not a password".toCharArray());
  }

  /** For tests: a shorter keep-alive period, set before {@link #start}. */
  void keepAlive(Duration period) {
    this.keepAlive = period;
  }

  /** Starts listening; returns the port (an ephemeral one when 0 was asked). */
  public int start() {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.http.maxRequestSize = 64 * 1024;
      config.routes.before(this::headers);
      config.routes.before(this::sameOrigin);
      config.routes.get("/static/{file}", this::asset);
      config.routes.get("/login", ctx -> loginPage(ctx, null, HttpStatus.OK));
      config.routes.post("/login", this::login);
      config.routes.post("/logout", ctx -> {
        Optional<Sessions.Session> s = session(ctx);
        if (s.isPresent() && checkCsrf(ctx, s.get())) {
          sessions.remove(s.get().id());
          ctx.header("Set-Cookie", cookie(ctx, "", 0));
          ctx.redirect("/login", HttpStatus.SEE_OTHER);
        }
      });
      config.routes.get("/", ctx -> withSession(ctx, s -> ctx.redirect(
          s.role() == Role.SWITCHBOARD ? "/console" : "/me", HttpStatus.SEE_OTHER)));
      config.routes.get("/console", ctx -> withRole(ctx, Role.SWITCHBOARD, s -> console(ctx, s)));
      config.routes.get("/api/people", ctx -> withRole(ctx, Role.SWITCHBOARD, s ->
          ctx.contentType("application/json; charset=utf-8").result(board.peopleJson())));
      config.routes.get("/api/people/{org}/{id}", ctx -> withSession(ctx, s ->
          withPerson(ctx, s, ctx.pathParam("org") + "/" + ctx.pathParam("id"), m -> ctx.contentType(
              "application/json; charset=utf-8").result(board.viewJson(m.qualifiedId())
                  .orElse("null")))));
      config.routes.get("/me", ctx -> withSession(ctx, s -> {
        if (s.staffId().isEmpty()) {
          ctx.redirect("/console", HttpStatus.SEE_OTHER);
          return;
        }
        Optional<Platform.Member> m = board.member(s.staffId());
        if (m.isEmpty()) {
          forbidden(ctx, "account " + s.user() + " names staff id " + s.staffId()
              + ", which is not in the staff file");
          return;
        }
        ctx.redirect("/person/" + m.get().qualifiedId(), HttpStatus.SEE_OTHER);
      }));
      config.routes.get("/person/{org}/{id}", ctx -> withSession(ctx, s ->
          withPerson(ctx, s, ctx.pathParam("org") + "/" + ctx.pathParam("id"),
              m -> personPage(ctx, s, m, List.of(), HttpStatus.OK))));
      config.routes.post("/api/absence", ctx -> withChange(ctx, s -> setAbsence(ctx, s)));
      config.routes.post("/api/absence/clear", ctx -> withChange(ctx, s -> clearAbsence(ctx, s)));
      // The SSE handler commits its 200 before it runs: the role is checked before it.
      config.routes.before("/events", ctx -> {
        Optional<Sessions.Session> s = session(ctx);
        if (s.isEmpty()) {
          throw new io.javalin.http.UnauthorizedResponse("not logged in");
        }
        if (s.get().role() != Role.SWITCHBOARD) {
          throw new io.javalin.http.ForbiddenResponse("this needs the role switchboard");
        }
      });
      config.routes.sse("/events", this::events);
      config.routes.exception(Exception.class, (e, ctx) -> {
        // Never the exception's text: it may hold what the browser must not see.
        LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
        ctx.status(500).contentType("text/plain; charset=utf-8").result("internal error");
      });
    });
    app.start(settings.host(), settings.port());
    return app.port();
  }

  @Override
  public void close() {
    // The senders first: once Jetty has recycled a response, writing to it no longer fails in
    // a way the SSE client notices, and a sender would keep trying.
    senders.forEach(Thread::interrupt);
    for (Thread t : senders) {
      try {
        t.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (app != null) {
      app.stop();
    }
  }

  // ---- security ----------------------------------------------------------------------------

  /**
   * A POST whose Origin names another site is refused before anything else: with SameSite
   * cookies this mostly matters for the login form (login CSRF: being logged in as someone
   * else's account), which has no session token yet.
   */
  private void sameOrigin(Context ctx) {
    if (ctx.method() != io.javalin.http.HandlerType.POST) {
      return;
    }
    String origin = ctx.header("Origin");
    if (origin == null) {
      return; // not sent by older browsers and by scripts: the CSRF token still guards changes
    }
    // Scheme, host and port, as the browser saw this server: behind the trusted proxy its
    // X-Forwarded-Host/-Proto (or the Host it passes on), else the request's own.
    String host = fromProxy(ctx) && ctx.header("X-Forwarded-Host") != null
        ? ctx.header("X-Forwarded-Host").split(",")[0].strip() : ctx.header("Host");
    String scheme = secure(ctx) ? "https" : "http";
    if (host == null || !sameOrigin(origin, scheme, host)) {
      LOG.info("cross-site POST {} refused: Origin {} is not {}://{}", ctx.path(),
          printable(origin), scheme, printable(String.valueOf(host)));
      throw new io.javalin.http.ForbiddenResponse("cross-site request refused");
    }
  }

  /** Whether {@code origin} is {@code scheme://host}, default ports made explicit. */
  static boolean sameOrigin(String origin, String scheme, String host) {
    try {
      java.net.URI o = new java.net.URI(origin);
      java.net.URI h = new java.net.URI(scheme + "://" + host);
      return o.getScheme() != null && o.getHost() != null && h.getHost() != null
          && o.getScheme().equalsIgnoreCase(scheme)
          && o.getHost().equalsIgnoreCase(h.getHost())
          && port(o) == port(h);
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static int port(java.net.URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** {@code s} with control characters (CR, LF, ...) shown as '?': one log entry stays one line. */
  static String printable(String s) {
    return s.replaceAll("\\p{Cntrl}", "?");
  }

  private void headers(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" with a
    // form's POST, and sameOrigin() refused every login from a real browser. Other sites still
    // get no referrer.
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cache-Control", "no-store");
  }

  /** Whether the request came from the configured reverse proxy. */
  private boolean fromProxy(Context ctx) {
    return settings.trustedProxy().map(p -> p.equals(ctx.req().getRemoteAddr())).orElse(false);
  }

  /** The client's address: the proxy's X-Forwarded-For (last hop) only from the proxy. */
  String clientAddress(Context ctx) {
    String remote = ctx.req().getRemoteAddr();
    if (fromProxy(ctx)) {
      String xff = ctx.header("X-Forwarded-For");
      if (xff != null && !xff.isBlank()) {
        String[] hops = xff.split(",");
        return hops[hops.length - 1].strip();
      }
    }
    return remote;
  }

  private boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.req().getScheme())
        || (fromProxy(ctx) && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
  }

  private String cookie(Context ctx, String value, long maxAge) {
    return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict"
        + (maxAge == 0 ? "; Max-Age=0" : "") + (secure(ctx) ? "; Secure" : "");
  }

  /**
   * The request's session: the cookie's; in SSO mode, for a request from the proxy with the
   * user header, a session of that account (made on its first request).
   */
  @SuppressWarnings("unchecked")
  private Optional<Sessions.Session> session(Context ctx) {
    // Once per request: a before-handler and its handler (the SSE stream) ask both, and in SSO
    // mode a second call must not make a second session.
    Object known = ctx.attribute(SESSION_ATTRIBUTE);
    if (known != null) {
      return (Optional<Sessions.Session>) known;
    }
    Optional<Sessions.Session> s = resolveSession(ctx);
    ctx.attribute(SESSION_ATTRIBUTE, s);
    return s;
  }

  private static final String SESSION_ATTRIBUTE = "vaxel.session";

  private Optional<Sessions.Session> resolveSession(Context ctx) {
    Optional<Sessions.Session> s = sessions.get(ctx.cookie(COOKIE));
    if (s.isPresent() && !accountStillMatches(s.get())) {
      // An account removed or changed (vaxel user) ends its sessions at their next request.
      sessions.remove(s.get().id());
      s = Optional.empty();
    }
    if (settings.userHeader().isPresent() && fromProxy(ctx)) {
      String header = ctx.header(settings.userHeader().get());
      String user = header == null ? "" : header.strip();
      if (user.isEmpty()) {
        return s;
      }
      if (s.isPresent() && s.get().user().equals(user)) {
        return s;
      }
      Optional<Accounts.Account> a = accounts.get().get(user);
      if (a.isEmpty()) {
        LOG.warn("SSO user {} has no account in the accounts file", printable(user));
        return Optional.empty();
      }
      Sessions.Session made = sessions.create(a.get().name(), a.get().role(), a.get().staffId());
      ctx.header("Set-Cookie", cookie(ctx, made.id(), 1));
      return Optional.of(made);
    }
    return s;
  }

  /** Whether the session's account still exists with the same role and person. */
  private boolean accountStillMatches(Sessions.Session s) {
    Optional<Accounts.Account> a = accounts.get().get(s.user());
    return a.isPresent() && a.get().role() == s.role() && a.get().staffId().equals(s.staffId());
  }

  /**
   * Whether an open stream's session still stands: not logged out, not expired (looked at
   * without touching it: a stream alone does not keep a session alive), its account unchanged.
   */
  private boolean stillValid(Sessions.Session s) {
    return sessions.peek(s.id()).isPresent() && accountStillMatches(s);
  }

  private void withSession(Context ctx, Consumer<Sessions.Session> then) {
    Optional<Sessions.Session> s = session(ctx);
    if (s.isEmpty()) {
      if (ctx.path().startsWith("/api/") || ctx.path().equals("/events")) {
        ctx.status(401).contentType("application/json").result("{\"error\":\"not logged in\"}");
      } else {
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
      }
      return;
    }
    then.accept(s.get());
  }

  private void withRole(Context ctx, Role role, Consumer<Sessions.Session> then) {
    withSession(ctx, s -> {
      if (s.role() != role) {
        forbidden(ctx, "this needs the role " + role.key());
        return;
      }
      then.accept(s);
    });
  }

  /**
   * The person {@code key} names, if this session may reach them: a switchboard session reaches
   * everyone, a staff session only its own person. 404 for nobody, 403 for someone else.
   */
  private void withPerson(Context ctx, Sessions.Session s, String key,
      Consumer<Platform.Member> then) {
    Optional<Platform.Member> m = board.member(key);
    if (s.role() == Role.STAFF) {
      Optional<Platform.Member> own = board.member(s.staffId());
      // Decided before saying whether the other person exists: no probing of ids.
      if (own.isEmpty() || m.isEmpty()
          || !own.get().qualifiedId().equals(m.get().qualifiedId())) {
        forbidden(ctx, "you may only see and change your own page");
        return;
      }
    }
    if (m.isEmpty()) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("no such person");
      return;
    }
    then.accept(m.get());
  }

  /** A change: a session and its CSRF token, and a same-origin request. */
  private void withChange(Context ctx, Consumer<Sessions.Session> then) {
    withSession(ctx, s -> {
      if (checkCsrf(ctx, s)) {
        then.accept(s);
      }
    });
  }

  private boolean checkCsrf(Context ctx, Sessions.Session s) {
    String token = ctx.header(CSRF_HEADER);
    if (token == null) {
      token = ctx.formParam(CSRF_FIELD);
    }
    if (!Sessions.csrfMatches(s, token)) {
      forbidden(ctx, "missing or wrong CSRF token; reload the page");
      return false;
    }
    return true;
  }

  private static void forbidden(Context ctx, String why) {
    ctx.status(403).contentType("text/plain; charset=utf-8").result("403 Forbidden: " + why);
  }

  // ---- login -------------------------------------------------------------------------------

  private void login(Context ctx) {
    String user = Optional.ofNullable(ctx.formParam("user")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String address = clientAddress(ctx);
    Optional<Duration> wait = limiter.blocked(address, user);
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds() + 1);
      ctx.header("Retry-After", Long.toString(seconds));
      loginPage(ctx, "too-many", HttpStatus.TOO_MANY_REQUESTS);
      return;
    }
    Optional<Accounts.Account> account = accounts.get().get(user);
    String hash = account.map(Accounts.Account::hash).orElse(dummyHash);
    boolean ok = hasher.verify(password.toCharArray(), hash) && account.isPresent();
    if (!ok) {
      limiter.failed(address, user);
      // The name is the one typed, never the password; an attacker's noise stays one line.
      LOG.info("failed login for '{}' from {}",
          printable(user.length() > 64 ? user.substring(0, 64) : user), address);
      loginPage(ctx, "bad-login", HttpStatus.UNAUTHORIZED);
      return;
    }
    limiter.succeeded(user);
    sessions.remove(ctx.cookie(COOKIE)); // a new id on login: no session fixation
    Accounts.Account a = account.get();
    Sessions.Session s = sessions.create(a.name(), a.role(), a.staffId());
    ctx.header("Set-Cookie", cookie(ctx, s.id(), 1));
    LOG.info("login {} ({}) from {}", a.name(), a.role().key(), address);
    ctx.redirect(a.role() == Role.SWITCHBOARD ? "/console" : "/me", HttpStatus.SEE_OTHER);
  }

  private void loginPage(Context ctx, String error, HttpStatus status) {
    Map<String, Object> model = base();
    model.put("error", error);
    model.put("sso", settings.userHeader().isPresent());
    ctx.status(status);
    ctx.html(pages.render(page("serve-login"), model));
  }

  // ---- pages -------------------------------------------------------------------------------

  private String page(String name) {
    return settings.language().code() + "/" + name + ".html.ftl";
  }

  private Map<String, Object> base() {
    Map<String, Object> model = new HashMap<>();
    model.put(Templates.LOCALE, settings.language().locale());
    model.put("lang", settings.language().code());
    model.put("reasons", java.util.Arrays.stream(Reason.values())
        .filter(r -> r != Reason.SJUK).map(Reason::key).toList());
    return model;
  }

  private void console(Context ctx, Sessions.Session s) {
    Map<String, Object> model = base();
    model.put("user", s.user());
    model.put("csrf", s.csrf());
    model.put("orgs", board.platform().organisations().stream()
        .map(st -> st.organisation().name()).toList());
    ctx.html(pages.render(page("serve-console"), model));
  }

  private void personPage(Context ctx, Sessions.Session s, Platform.Member m,
      List<String> problems, HttpStatus status) {
    Staff staff = m.staff();
    Person p = m.person();
    Language lang = staff.languageOf(p);
    Texts texts = board.texts();
    java.time.LocalDate today = board.today(staff);
    Map<String, Object> model = base();
    model.put("user", s.user());
    model.put("csrf", s.csrf());
    model.put("switchboard", s.role() == Role.SWITCHBOARD);
    model.put("key", m.qualifiedId());
    model.put("name", p.fullName());
    model.put("org", staff.organisation().name());
    model.put("ext", p.extension());
    model.put("problems", problems);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("answering", safe(() -> texts.answering(staff, p, lang)));
    t.put("greeting", p.hasExtension() ? safe(() -> texts.greeting(staff, p, lang)) : null);
    t.put("signature", safe(() -> texts.signature(staff, p, lang)));
    t.put("autoReply", safeOpt(() -> texts.autoReply(staff, p, lang, today)));
    t.put("absenceGreeting", p.hasExtension()
        ? safeOpt(() -> texts.absenceGreeting(staff, p, lang, today)) : null);
    model.put("texts", t);
    Map<String, Object> view = board.viewOf(m);
    model.put("away", view.get("away"));
    model.put("next", view.get("next"));
    model.put("live", board.up());
    Optional<LastCheck> check = LastCheck.read(settings.checkReport(),
        staff.organisation().id(), p.id());
    if (check.isPresent()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("checkedAt", check.get().checkedAt());
      c.put("greetingMissing", check.get().has("GREETING-MISSING"));
      c.put("findings", check.get().findings().stream()
          .map(f -> Map.of("rule", f.rule(), "message", f.message())).toList());
      c.put("incomplete", check.get().incomplete());
      model.put("check", c);
    }
    // Colleagues of the same unit first, as likely alternates; anyone can be typed by id.
    List<Map<String, String>> colleagues = new ArrayList<>();
    for (Person o : staff.people()) {
      if (!o.id().equals(p.id()) && o.hasExtension()
          && java.util.Objects.equals(o.department(), p.department())) {
        colleagues.add(Map.of("id", o.id(), "name", o.fullName()));
        if (colleagues.size() >= 200) {
          break;
        }
      }
    }
    model.put("colleagues", colleagues);
    ctx.status(status);
    ctx.html(pages.render(page("serve-person"), model));
  }

  private static String safe(Supplier<String> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      LOG.warn("text failed: {}", e.getMessage());
      return null;
    }
  }

  private static String safeOpt(Supplier<Optional<String>> s) {
    try {
      return s.get().orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("text failed: {}", e.getMessage());
      return null;
    }
  }

  private void asset(Context ctx) {
    String file = ctx.pathParam("file");
    if (!file.matches("[a-z-]+\\.(js|css)")) {
      ctx.status(404);
      return;
    }
    try (InputStream in = WebServer.class.getResourceAsStream("/serve/" + file)) {
      if (in == null) {
        ctx.status(404);
        return;
      }
      ctx.header("Cache-Control", "no-cache");
      ctx.contentType(file.endsWith(".js") ? "text/javascript; charset=utf-8"
          : "text/css; charset=utf-8");
      ctx.result(in.readAllBytes());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- changes -----------------------------------------------------------------------------

  /** Whether the client wants JSON (the console's fetch) rather than a page (a plain form). */
  private static boolean wantsJson(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("application/json");
  }

  private void setAbsence(Context ctx, Sessions.Session s) {
    String key = ctx.formParam("person");
    withPerson(ctx, s, key, m -> {
      ZoneIdHolder zone = new ZoneIdHolder(m.staff());
      AbsenceForm form;
      try {
        form = AbsenceForm.parse(ctx.formParam("from"), ctx.formParam("until"),
            ctx.formParam("reason"), ctx.formParam("alternate"), zone.now(board));
      } catch (AbsenceForm.Invalid e) {
        refused(ctx, s, m, e.problems());
        return;
      }
      String alternate = form.alternate();
      if (alternate != null && alternate.contains("/")) {
        // The console sends keys (org/id); an alternate must be of the person's organisation.
        String org = m.staff().organisation().id() + "/";
        if (!alternate.startsWith(org)) {
          refused(ctx, s, m, List.of("the alternate must be of " + m.staff().organisation().name()));
          return;
        }
        alternate = alternate.substring(org.length());
      }
      Map<String, Object> before = board.overrideOf(m);
      try {
        board.set(m, form.from(), form.until(), alternate, form.reason(), s.user());
      } catch (AbsenceService.RejectedException e) {
        refused(ctx, s, m, List.of(e.getMessage().split("\n")));
        return;
      } catch (Board.OfflineException e) {
        unavailable(ctx, e.getMessage());
        return;
      }
      auditAndAnswer(ctx, s, m, "absence-set", before);
    });
  }

  private void clearAbsence(Context ctx, Sessions.Session s) {
    withPerson(ctx, s, ctx.formParam("person"), m -> {
      Map<String, Object> before = board.overrideOf(m);
      try {
        board.clear(m, s.user());
      } catch (AbsenceService.RejectedException e) {
        refused(ctx, s, m, List.of(e.getMessage()));
        return;
      } catch (Board.OfflineException e) {
        unavailable(ctx, e.getMessage());
        return;
      }
      auditAndAnswer(ctx, s, m, "absence-clear", before);
    });
  }

  private void auditAndAnswer(Context ctx, Sessions.Session s, Platform.Member m, String what,
      Map<String, Object> before) {
    // The live override itself, before and after, not the console's view of "now": a future
    // absence is no "away" yet, and the log must still say what was written or removed.
    Map<String, Object> after = board.overrideOf(m);
    try {
      audit.append(board.clock().instant(), s.user(), what, m.qualifiedId(), before, after);
    } catch (IOException e) {
      // The change is made; that it could not be logged must be loud.
      LOG.error("AUDIT LOG NOT WRITTEN ({}): {} {} {} by {}", audit.file(), what,
          m.qualifiedId(), after, s.user(), e);
    }
    if (wantsJson(ctx)) {
      ctx.contentType("application/json; charset=utf-8")
          .result(board.viewJson(m.qualifiedId()).orElse("null"));
    } else {
      ctx.redirect("/person/" + m.qualifiedId(), HttpStatus.SEE_OTHER);
    }
  }

  private void refused(Context ctx, Sessions.Session s, Platform.Member m, List<String> given) {
    // The service words its refusals for the command line; the form's fields have no dashes.
    List<String> problems = given.stream()
        .map(p -> p.replace("--alternate", "alternate").replace("--until", "until")
            .replace("--from", "from"))
        .toList();
    if (wantsJson(ctx)) {
      ctx.status(400).contentType("application/json; charset=utf-8").result(
          json(Map.of("problems", problems)));
    } else {
      personPage(ctx, s, m, problems, HttpStatus.BAD_REQUEST);
    }
  }

  private static void unavailable(Context ctx, String message) {
    ctx.status(503).contentType("application/json; charset=utf-8")
        .result(json(Map.of("problems", List.of(message))));
  }

  private static String json(Object o) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The organisation's local now. */
  private record ZoneIdHolder(Staff staff) {
    LocalDateTime now(Board board) {
      return LocalDateTime.ofInstant(board.clock().instant(), staff.organisation().timezone());
    }
  }

  // ---- live --------------------------------------------------------------------------------

  /**
   * One open console: its events go through a queue of its own, drained by its own thread, so
   * a slow console delays nobody else; one that falls {@link #CONSOLE_QUEUE} behind is closed,
   * and its EventSource reconnects and re-reads the whole list.
   */
  private void events(SseClient client) {
    Optional<Sessions.Session> s = session(client.ctx());
    Duration period = keepAlive;
    if (s.isEmpty() || s.get().role() != Role.SWITCHBOARD) {
      client.ctx().status(s.isEmpty() ? 401 : 403);
      client.close();
      return;
    }
    client.keepAlive();
    BlockingQueue<String> queue = new ArrayBlockingQueue<>(CONSOLE_QUEUE);
    Consumer<String> listener = message -> {
      if (!queue.offer(message)) {
        LOG.warn("a console fell behind by {} events; closing it so it re-reads",
            CONSOLE_QUEUE);
        client.close();
      }
    };
    Thread sender = new Thread(() -> {
      try {
        client.sendEvent("hello", "{\"up\":" + board.up() + "}");
        while (!client.terminated() && !Thread.currentThread().isInterrupted()) {
          String m = queue.poll(period.toMillis(), TimeUnit.MILLISECONDS);
          // Checked before every send, not only when opened: a logout, an expiry or an
          // account removed or changed ends the stream within one keep-alive period.
          if (!stillValid(s.get())) {
            LOG.info("console stream of {} closed: its session ended", s.get().user());
            break;
          }
          if (m == null) {
            client.sendComment("keep-alive");
          } else {
            client.sendEvent("message", m);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.debug("console gone: {}", e.toString());
      } finally {
        board.unlisten(listener);
        senders.remove(Thread.currentThread());
        client.close();
      }
    }, "vaxel-console-" + s.get().user());
    sender.setDaemon(true);
    client.onClose(() -> {
      board.unlisten(listener);
      sender.interrupt();
    });
    board.listen(listener);
    senders.add(sender);
    sender.start();
  }
}
