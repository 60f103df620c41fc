package se.vaxel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.AmiSettings;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Language;
import se.vaxel.model.Platform;
import se.vaxel.password.Argon2Hasher;
import se.vaxel.render.Templates;
import se.vaxel.serve.Accounts;
import se.vaxel.serve.AuditLog;
import se.vaxel.serve.Board;
import se.vaxel.serve.LoginLimiter;
import se.vaxel.serve.Sessions;
import se.vaxel.staff.PlatformLoader;
import se.vaxel.staff.StaffException;
import se.vaxel.web.WebServer;

@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "The switchboard's live console and every employee's own page, in the browser.",
    description = {
        "Runs one web application (put it behind the organisation's reverse proxy for TLS): "
            + "the switchboard console (role switchboard) and each employee's own page (role "
            + "staff). Accounts: 'vaxel user'. See docs/serve.md."},
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.INTERNAL})
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  /** How often the PBX link is checked, and a lost one tried again. */
  static final Duration LINK_CHECK = Duration.ofSeconds(2);
  /** How often everything is re-read, whatever the events said. */
  static final Duration FULL_READ = Duration.ofSeconds(60);

  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
  @Mixin AmiOptions amiOptions;
  @Mixin Verbosity verbosity;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
      description = "Where to listen (default: ${DEFAULT-VALUE}); port 0 picks a free one, "
          + "printed at start.")
  String listen;

  @Option(names = "--accounts", paramLabel = "FILE", defaultValue = "/etc/vaxel/accounts",
      description = "The accounts file, written by 'vaxel user' (default: ${DEFAULT-VALUE}); "
          + "re-read when it changes.")
  Path accountsFile;

  @Option(names = "--audit-log", paramLabel = "FILE",
      defaultValue = "/var/log/vaxel/audit.jsonl",
      description = "Where every change is appended, one JSON line each (default: "
          + "${DEFAULT-VALUE}).")
  Path auditLog;

  @Option(names = "--check-report", paramLabel = "FILE",
      description = "The last 'vaxel check --format json' report, for the staff page's "
          + "greeting and voicemail status; without it the page says 'not checked yet'.")
  Optional<Path> checkReport = Optional.empty();

  @Option(names = "--trusted-proxy", paramLabel = "ADDR",
      description = "The reverse proxy's IP address: only its X-Forwarded-For/-Proto and "
          + "--user-header are believed.")
  Optional<String> trustedProxy = Optional.empty();

  @Option(names = "--user-header", paramLabel = "HEADER",
      description = "Single sign-on: the header in which --trusted-proxy names the logged-in "
          + "user (an account name of the accounts file), e.g. X-Remote-User.")
  Optional<String> userHeader = Optional.empty();

  @Option(names = "--session-minutes", paramLabel = "N", defaultValue = "30",
      description = "A session ends after N minutes without a request (default: "
          + "${DEFAULT-VALUE}), and after 12 hours in any case.")
  int sessionMinutes;

  @Option(names = "--lang", paramLabel = "sv|en",
      description = "The language of the pages (default: the organisation's).")
  Optional<String> lang = Optional.empty();

  @Override
  public Integer call() throws Exception {
    CliContext context = root.context;
    Platform platform = staffOptions.platform();
    String[] hostPort = hostPort(listen);
    if (userHeader.isPresent() && trustedProxy.isEmpty()) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--user-header needs --trusted-proxy: the "
          + "header is believed only from the proxy's address");
    }
    if (sessionMinutes < 1) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--session-minutes must be at least 1");
    }
    Language language;
    try {
      language = lang.map(Language::fromCode)
          .orElse(platform.organisations().get(0).organisation().language());
    } catch (IllegalArgumentException e) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--lang " + lang.get() + ": use sv or en");
    }
    AccountsFile accounts = new AccountsFile(accountsFile);
    accounts.reload(true);
    AmiSettings ami = amiOptions.settings(context).withEvents(true);

    Rendering rendering = Rendering.of(staffOptions.templates, VaxelCommand.version());
    // Absences set in the console are announced like absence set's, where the sounds
    // directory is here and writable; otherwise said once, now.
    Board board = new Board(platform, rendering.texts(), context.clock())
        .withAnnouncers(new HostAnnouncers(new se.vaxel.pbx.Announcers(
            rendering.asterisk().announcements()), "vaxel serve", context.err())
            .start(platform.organisations()));
    Sessions sessions = new Sessions(context.clock(), Duration.ofMinutes(sessionMinutes),
        Duration.ofHours(12));
    LoginLimiter limiter = new LoginLimiter(context.clock(), Duration.ofMinutes(15), 5, 20);
    WebServer server = new WebServer(board, accounts::get, new Argon2Hasher(), sessions,
        limiter, new AuditLog(auditLog), new Templates(staffOptions.templates),
        new WebServer.Settings(hostPort[0], Integer.parseInt(hostPort[1]), trustedProxy,
            userHeader, language, checkReport));
    int port;
    try {
      port = server.start();
    } catch (RuntimeException e) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--listen " + listen + ": cannot listen "
          + "there (" + rootCause(e) + "); choose another address or port");
    }
    if (trustedProxy.isEmpty() && loopback(hostPort[0])) {
      // Listening on loopback almost always means behind a reverse proxy; without its address
      // every client is the proxy: one login limit for all, and no Secure cookie behind TLS.
      String warning = "vaxel serve: WARNING: listening on " + hostPort[0] + " without "
          + "--trusted-proxy. Behind a reverse proxy, set --trusted-proxy to its address "
          + "(e.g. 127.0.0.1): otherwise every user shares one login limit (a lock-out for "
          + "all), the session cookie is not Secure behind TLS, and the browser's forms are "
          + "refused as cross-site (docs/serve.md, \"Behind a reverse proxy\").";
      LOG.warn(warning);
      context.err().println(warning);
      context.err().flush();
    }
    context.out().println("vaxel serve: listening on http://" + hostPort[0] + ":" + port + "/ ("
        + platform.members().size() + " people, " + accounts.get().accounts().size()
        + " accounts)");
    context.out().flush();

    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vaxel-serve-loop");
      t.setDaemon(true);
      return t;
    });
    AtomicReference<AmiClient> client = new AtomicReference<>();
    StaffWatch staff = new StaffWatch(staffOptions.file, staffOptions.org, board);
    board.onApplied(() -> loop.execute(() -> staff.reload("apply announced")));
    long[] lastFull = {0};
    loop.scheduleWithFixedDelay(() -> {
      try {
        keepLink(context, ami, board, client, lastFull);
        staff.check();
        accounts.reload(false);
        sessions.sweep();
      } catch (RuntimeException e) {
        LOG.error("serve loop", e);
      }
    }, 0, LINK_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    // Absences begin and end by the clock: every view is recomputed each minute.
    loop.scheduleAtFixedRate(() -> board.recomputeAll(true), 60, 60, TimeUnit.SECONDS);

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      loop.shutdownNow();
      Optional.ofNullable(client.get()).ifPresent(AmiClient::close);
      stopped.countDown();
    }, "vaxel-serve-stop"));
    stopped.await();
    return ExitCode.OK.code();
  }

  /** Connects when down; checks when up; re-reads everything every {@link #FULL_READ}. */
  private static void keepLink(CliContext context, AmiSettings settings, Board board,
      AtomicReference<AmiClient> client, long[] lastFull) {
    AmiClient c = client.get();
    if (c == null) {
      try {
        c = context.ami().open(settings);
      } catch (AmiException e) {
        board.disconnected(e.getMessage());
        return;
      }
      client.set(c);
      board.connected(c);
      lastFull[0] = System.nanoTime();
      if (board.up()) {
        LOG.info("AMI connected");
      }
      return;
    }
    try {
      if (System.nanoTime() - lastFull[0] > FULL_READ.toNanos()) {
        lastFull[0] = System.nanoTime();
        board.readAll();
      } else {
        c.getvar("EPOCH");
      }
      if (!board.up()) {
        throw new AmiException(AmiException.Kind.UNREACHABLE, "re-read failed");
      }
    } catch (AmiException e) {
      board.disconnected(e.getMessage());
      client.set(null);
      c.close();
    }
  }

  private static String rootCause(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.getMessage();
  }

  /** Whether {@code host} is a loopback address (by name or number, without a DNS lookup). */
  static boolean loopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1");
  }

  private static String[] hostPort(String listen) {
    int colon = listen.lastIndexOf(':');
    if (colon <= 0 || !listen.substring(colon + 1).matches("\\d{1,5}")
        || Integer.parseInt(listen.substring(colon + 1)) > 65535) {
      throw new VaxelException(ExitCode.BAD_INPUT, "--listen '" + listen
          + "' is not HOST:PORT, e.g. 127.0.0.1:8080");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new String[] {host, listen.substring(colon + 1)};
  }

  /** The accounts file, re-read when its modification time changes. */
  static final class AccountsFile {
    private final Path file;
    private volatile Accounts accounts = Accounts.empty();
    private FileTime seen;

    AccountsFile(Path file) {
      this.file = file;
    }

    Accounts get() {
      return accounts;
    }

    /** @param first whether a bad file is bad input (at start) or only logged (later) */
    void reload(boolean first) {
      FileTime now;
      try {
        now = Files.exists(file) ? Files.getLastModifiedTime(file) : null;
      } catch (IOException e) {
        now = null;
      }
      if (!first && java.util.Objects.equals(now, seen)) {
        return;
      }
      try {
        accounts = Accounts.read(file);
        seen = now;
        if (!first) {
          LOG.info("accounts re-read: {} accounts", accounts.accounts().size());
        }
      } catch (Accounts.BadFileException | IOException e) {
        if (first) {
          throw new VaxelException(ExitCode.BAD_INPUT, e.getMessage());
        }
        seen = now;
        LOG.error("accounts file not re-read, the previous accounts stay: {}", e.getMessage());
      }
    }
  }

  /** The staff file, re-read when it changes or apply announces itself. */
  static final class StaffWatch {
    private final Path file;
    private final Optional<String> org;
    private final Board board;
    private FileTime seen;

    StaffWatch(Path file, Optional<String> org, Board board) {
      this.file = file;
      this.org = org;
      this.board = board;
      this.seen = mtime();
    }

    void check() {
      FileTime now = mtime();
      if (now != null && !now.equals(seen)) {
        reload("the file changed");
      }
    }

    void reload(String why) {
      seen = mtime();
      try {
        PlatformLoader.Loaded loaded = new PlatformLoader().loadWithWarnings(file);
        Platform p = org.isPresent() ? loaded.only(org.get()).platform() : loaded.platform();
        board.replace(p);
        LOG.info("{} re-read ({}): {} people", file, why, p.members().size());
      } catch (StaffException | IOException | RuntimeException e) {
        // The console keeps the last good file rather than showing nobody.
        LOG.error("{} not re-read ({}), the previous one stays: {}", file, why,
            e.getMessage());
      }
    }

    private FileTime mtime() {
      try {
        return Files.getLastModifiedTime(file);
      } catch (IOException e) {
        return null;
      }
    }
  }
}
