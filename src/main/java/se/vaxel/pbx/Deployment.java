package se.vaxel.pbx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.PresenceEntry;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.live.DialplanComparison;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.LiveOverride;
import se.vaxel.live.LoadedDialplan;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.pbx.Plan.Change;
import se.vaxel.pbx.Plan.FileChange;
import se.vaxel.pbx.Plan.MailboxChange;
import se.vaxel.pbx.Plan.MailboxDiff;
import se.vaxel.pbx.Plan.PresenceChange;
import se.vaxel.render.AsteriskConfig;

/**
 * {@code vaxel plan} and {@code vaxel apply}: brings a live Asterisk to what staff.yaml
 * generates, and proves it did.
 *
 * <p>Apply holds the conf dir's lock, journals the files it may change, writes the new ones
 * atomically, reloads and waits until Asterisk has finished, then asks Asterisk over AMI whether
 * what it wrote is what is loaded ({@link #verify()}: every mailbox with its name and e-mail, the
 * dialplan priority by priority through {@link DialplanComparison}). If not, it puts the previous
 * files back and reloads them before failing. A read that fails is never taken for a difference.
 * A lost connection is opened again; a reload that is still running is waited for, never
 * written under. When the PBX cannot be brought to a known configuration, the failure says which
 * one it may have and what to run. docs/apply.md has the whole story, with what a kill at each
 * step leaves behind.
 */
public final class Deployment {
  static final List<String> FRAGMENTS =
      List.of(AsteriskConfig.VOICEMAIL_FILE, AsteriskConfig.EXTENSIONS_FILE);
  static final String VOICEMAIL_MODULE = "app_voicemail.so";
  static final String DIALPLAN_MODULE = "pbx_config.so";

  /** What apply did; {@code plan} is what it found before doing it. */
  public record Applied(Plan plan, boolean reloaded) {}

  /**
   * How long reloading one MiB of configuration may take on top of the list timeout: measured
   * on the sandbox, app_voicemail reloads 50,000 mailboxes (2.3 MiB) in about 64 s on a busy
   * two-core machine, i.e. about 28 s per MiB; twice that leaves room for a busier one.
   */
  static final Duration RELOAD_PER_MIB = Duration.ofSeconds(60);
  /** How often apply reads the PBX to verify before it believes what it read. */
  static final int VERIFY_ATTEMPTS = 2;
  /** How long apply tries to connect again after the AMI connection dropped. */
  static final Duration RECONNECT = Duration.ofSeconds(5);

  /**
   * Apply could not bring the PBX to what staff.yaml generates. The message says what state the
   * PBX is in (or may be in) and what to run.
   */
  public static final class NotLoadedException extends RuntimeException {
    public NotLoadedException(String message) {
      super(message);
    }

    public NotLoadedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** How apply reaches the PBX again: a new connection, after a drop or for a long reload. */
  public interface Link {
    /** A new connection on which lists and reloads may take up to {@code listTimeout}. */
    AmiClient open(Duration listTimeout);

    /** The list timeout of the command's own connection. */
    Duration listTimeout();
  }

  private final Staff staff;
  private final AsteriskConfig.Rendered desired;
  private final ConfDir conf;
  private final DialplanContexts contexts;
  private final GeneratedDialplan generated;
  private final Link link;
  /** The connection plan and verify use; replaced when it drops during apply. */
  private AmiClient ami;
  /** The connection reloads go through, opened with the reload deadline as its timeout. */
  private AmiClient reloader;
  /** Connections this deployment opened itself, closed when apply ends. */
  private final List<AmiClient> opened = new ArrayList<>();

  public Deployment(Staff staff, AsteriskConfig.Rendered desired, ConfDir conf, AmiClient ami,
      Link link) {
    this.staff = staff;
    this.desired = desired;
    this.contexts = DialplanContexts.of(staff.asterisk());
    this.generated = GeneratedDialplan.parse(desired.extensionsConf(), desired.fingerprint());
    this.conf = conf;
    this.ami = ami;
    this.link = link;
  }

  public Plan plan(Instant now) throws IOException {
    List<FileChange> files = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String name : FRAGMENTS) {
      String want = desiredText(name);
      Optional<String> have = ConfDir.read(conf.fragment(name));
      if (have.isEmpty()) {
        files.add(new FileChange(ConfDir.SUBDIR + "/" + name, Change.CREATE, lines(want), 0));
      } else if (!have.get().equals(want)) {
        int[] d = lineDiff(have.get(), want);
        files.add(new FileChange(ConfDir.SUBDIR + "/" + name, Change.UPDATE, d[0], d[1]));
      }
      String main = ConfDir.read(conf.main(name)).orElse("");
      if (!ConfDir.hasInclude(main, name)) {
        files.add(new FileChange(name, Change.INCLUDE, 2, 0));
      }
    }
    String mainVm = ConfDir.read(conf.main(AsteriskConfig.VOICEMAIL_FILE)).orElse("");
    if (!mainVm.matches("(?s).*(?m)^\\s*passwordlocation\\s*=\\s*spooldir.*")) {
      warnings.add("voicemail.conf has no passwordlocation=spooldir in [general]: the generated "
          + "mailboxes carry no PIN, so set it to keep PINs in each mailbox's secret.conf");
    }
    List<MailboxChange> mailboxes = mailboxChanges(ami.voicemailUsers());
    Map<String, List<DialplanEntry>> loaded = LoadedDialplan.read(ami, contexts);
    Map<String, LiveOverride> overrides = LiveOverride.readAll(ami, contexts.overrideFamily());
    return new Plan(files, mailboxes, DialplanComparison.compare(contexts, generated, loaded),
        presenceChanges(overrides, now), expired(overrides, now), desired.fingerprint(),
        LoadedDialplan.fingerprint(loaded.get(contexts.route())), warnings);
  }

  public Applied apply(Instant now) throws IOException {
    try (ConfDir.Lock lock = lock()) {
      Optional<Map<String, Optional<String>>> journal = conf.readJournal();
      Plan plan = plan(now);
      boolean reloaded = false;
      if (plan.configChanges()) {
        deploy(journal);
        reloaded = true;
      } else if (journal.isPresent()) {
        // An earlier apply died after the PBX had everything: nothing is left to fall back to.
        conf.deleteJournal();
      }
      for (PresenceChange c : plan.presence()) {
        c.to().publish(ami, c.extension());
      }
      for (String ext : plan.expiredOverrides()) {
        removeIfStillExpired(ext, now);
      }
      return new Applied(plan, reloaded);
    } finally {
      opened.forEach(AmiClient::close);
      opened.clear();
      reloader = null;
    }
  }

  /**
   * Looks again right before deleting: a switchboard on another host (which the lock does not
   * reach, docs/apply.md) may have set a new absence under that key since the plan was read.
   */
  private void removeIfStillExpired(String extension, Instant now) {
    Optional<LiveOverride> current = ami.dbGet(contexts.overrideFamily(), extension)
        .flatMap(v -> LiveOverride.decode(extension, v));
    if (current.isPresent() && !current.get().until().isAfter(now)) {
      ami.dbDel(contexts.overrideFamily(), extension);
    }
  }

  /** The lock; not getting it (held, or the directory is not ours to write) is exit 3. */
  private ConfDir.Lock lock() {
    try {
      return conf.lock("vaxel apply", ConfDir.LOCK_WAIT);
    } catch (ConfDir.BusyException e) {
      throw new NotLoadedException("nothing was changed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new NotLoadedException("nothing was changed: cannot take the lock in "
          + conf.dir().resolve(ConfDir.SUBDIR) + " (" + describe(e) + "); apply writes into "
          + conf.dir() + ", so run it as a user who may", e);
    }
  }

  /**
   * Writes, reloads and verifies. {@code journal} holds the files as they were before an
   * earlier apply that did not finish; they, not the half-written files found now, are what a
   * failure restores.
   */
  private void deploy(Optional<Map<String, Optional<String>>> journal) throws IOException {
    Map<String, Optional<String>> before = journal.isPresent() ? journal.get() : snapshot();
    // After an unfinished apply, Asterisk may have loaded anything: always reload a restore.
    boolean reloadStarted = journal.isPresent();
    try {
      if (journal.isEmpty()) {
        conf.writeJournal(before);
      }
      writeDesired(before);
    } catch (IOException e) {
      throw restoreAfter(before, reloadStarted, "could not write the new configuration into "
          + conf.dir() + " (" + describe(e) + ")", e);
    }
    Duration deadline =
        reloadDeadline(List.of(desired.voicemailConf(), desired.extensionsConf()));
    String problem;
    try {
      reloadStarted = true;
      reloadAndWait(deadline);
      problem = verifyReconnecting();
    } catch (ReloadStillRunning e) {
      throw new NotLoadedException("Asterisk is still reloading " + e.module + " after "
          + deadline.toSeconds() + " s. The new configuration is in " + conf.dir()
          + " and stays there (vaxel never restores files under a running reload), so Asterisk "
          + "will have the new configuration when the reload ends. Run 'vaxel apply' again "
          + "then: it verifies, and restores the previous configuration if the new one did not "
          + "load.", e);
    } catch (AmiException e) {
      throw new NotLoadedException("the new configuration is in " + conf.dir() + ", but "
          + "reloading or verifying it failed: " + e.getMessage() + ". Asterisk may have loaded "
          + "all, part or none of it. Run 'vaxel apply' again when the PBX answers: it reloads, "
          + "verifies, and restores the previous configuration (kept in "
          + ConfDir.SUBDIR + "/" + ConfDir.JOURNAL + ") if the new one does not load.", e);
    }
    if (problem != null) {
      throw restoreAfter(before, true, problem, null);
    }
    // Verified: a journal that cannot be deleted now is finished by the next apply, and must
    // not turn a loaded and verified configuration into a failure.
    deleteJournalQuietly();
  }

  /**
   * Puts {@code before} back and, when a reload may have loaded part of the new files, reloads
   * them; returns the failure to throw, saying where the PBX ended up.
   */
  private NotLoadedException restoreAfter(Map<String, Optional<String>> before,
      boolean reload, String problem, Exception cause) {
    try {
      restore(before);
    } catch (IOException restoreFailed) {
      return new NotLoadedException(problem + "; putting the previous files back failed too ("
          + describe(restoreFailed) + "): " + conf.dir() + " may hold part of the new "
          + "configuration, the previous one is in " + ConfDir.SUBDIR + "/" + ConfDir.JOURNAL
          + ". Fix the cause and run 'vaxel apply' again.", cause);
    }
    if (!reload) {
      deleteJournalQuietly();
      return new NotLoadedException(problem + "; the previous files are back and Asterisk "
          + "still has the previous configuration (nothing was reloaded)", cause);
    }
    try {
      // Room for the new and the previous configuration: the previous one may be the larger
      // (a broken template that dropped people), and a reload of the new may still be ending.
      List<String> both = new ArrayList<>(List.of(desired.voicemailConf(),
          desired.extensionsConf()));
      before.values().forEach(content -> content.ifPresent(both::add));
      reloadAndWait(reloadDeadline(both));
    } catch (ReloadStillRunning | AmiException e) {
      return new NotLoadedException(problem + "; the previous files are back in " + conf.dir()
          + ", but reloading them did not finish (" + e.getMessage() + "): Asterisk may still "
          + "have the new configuration loaded. When the PBX answers, run 'vaxel apply' again, "
          + "or reload by hand: asterisk -rx 'module reload " + VOICEMAIL_MODULE
          + "' and asterisk -rx 'module reload " + DIALPLAN_MODULE + "'.", cause);
    }
    deleteJournalQuietly();
    return new NotLoadedException(problem + "; the previous configuration is restored and "
        + "reloaded", cause);
  }

  private void deleteJournalQuietly() {
    try {
      conf.deleteJournal();
    } catch (IOException e) {
      // The journal then holds the files as they are now: the next apply falls back to them.
    }
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.FileSystemException fs) {
      return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason()
          : fs instanceof java.nio.file.AccessDeniedException ? "permission denied"
          : fs.getClass().getSimpleName());
    }
    return String.valueOf(e.getMessage());
  }

  /** A reload that had not finished when its deadline passed. */
  private static final class ReloadStillRunning extends Exception {
    final String module;

    ReloadStillRunning(String module, String message) {
      super(message);
      this.module = module;
    }
  }

  /**
   * The list timeout plus {@link #RELOAD_PER_MIB} for every MiB written: reloading 50,000
   * mailboxes takes a minute, whatever a single AMI action may take.
   */
  private Duration reloadDeadline(Collection<String> files) {
    long bytes = files.stream().mapToLong(f -> f.getBytes(StandardCharsets.UTF_8).length).sum();
    return link.listTimeout().plus(
        RELOAD_PER_MIB.multipliedBy(bytes).dividedBy(1024 * 1024));
  }

  private void reloadAndWait(Duration deadline) throws ReloadStillRunning {
    Instant end = Instant.now().plus(deadline);
    // A connection opened with this deadline as its timeout: the restore's reloads get a longer
    // deadline than apply's, and a connection opened for the shorter one would give up early.
    reloader = null;
    for (String module : List.of(VOICEMAIL_MODULE, DIALPLAN_MODULE)) {
      reloadAndWait(module, end);
    }
  }

  /**
   * Reloads {@code module} and returns once a reload that started after our last write has
   * finished. Asterisk 22 answers the AMI action Reload only when the reload is done, and
   * answers "A reload is in progress" at once while any other reload runs (docs/apply.md). So
   * the answer of a reload is the proof; "in progress" (a reload of an earlier, killed apply,
   * or of ours cut off by a dropped link) means wait and ask again, which starts a fresh reload
   * of the files now on disk once the running one has ended. Reloads go through a connection
   * of their own, whose timeout is the deadline.
   */
  private void reloadAndWait(String module, Instant end) throws ReloadStillRunning {
    while (true) {
      Duration left = Duration.between(Instant.now(), end);
      if (left.isNegative() || left.isZero()) {
        throw new ReloadStillRunning(module, "the reload of " + module + " had not finished");
      }
      if (reloader == null) {
        reloader = reconnect(left);
      }
      try {
        reloader.reload(module);
        return;
      } catch (AmiException e) {
        if (e.kind() == AmiException.Kind.TIMEOUT) {
          throw new ReloadStillRunning(module, "the reload of " + module + " had not finished");
        }
        if (e.kind() == AmiException.Kind.UNREACHABLE) {
          reloader = null;
        } else if (!inProgress(e)) {
          throw e;
        }
        pause(Duration.ofMillis(250));
      }
    }
  }

  private static boolean inProgress(AmiException e) {
    return e.kind() == AmiException.Kind.ACTION_FAILED && e.getMessage() != null
        && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("reload is in progress");
  }

  /**
   * A new connection, tried for up to {@link #RECONNECT}: a PBX that restarts or a link that
   * flaps is back within seconds; one that is not is reported rather than waited for.
   */
  private AmiClient reconnect(Duration listTimeout) {
    Instant end = Instant.now().plus(RECONNECT);
    while (true) {
      try {
        AmiClient client = link.open(listTimeout);
        opened.add(client);
        return client;
      } catch (AmiException e) {
        boolean retry = e.kind() == AmiException.Kind.UNREACHABLE
            || e.kind() == AmiException.Kind.TIMEOUT;
        if (!retry || Instant.now().isAfter(end)) {
          throw e;
        }
        pause(Duration.ofMillis(500));
      }
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AmiException(AmiException.Kind.TIMEOUT, "interrupted while waiting for the PBX");
    }
  }

  private String desiredText(String name) {
    return name.equals(AsteriskConfig.VOICEMAIL_FILE)
        ? desired.voicemailConf() : desired.extensionsConf();
  }

  /** Every file apply may touch, as it is now (empty: it does not exist). */
  private Map<String, Optional<String>> snapshot() throws IOException {
    Map<String, Optional<String>> files = new LinkedHashMap<>();
    for (String name : FRAGMENTS) {
      files.put(ConfDir.SUBDIR + "/" + name, ConfDir.read(conf.fragment(name)));
      files.put(name, ConfDir.read(conf.main(name)));
    }
    return files;
  }

  private void writeDesired(Map<String, Optional<String>> before) throws IOException {
    for (String name : FRAGMENTS) {
      Optional<String> old = before.get(ConfDir.SUBDIR + "/" + name);
      if (old.isPresent()) {
        conf.write(ConfDir.SUBDIR + "/previous/" + name, old.get());
      }
      conf.write(ConfDir.SUBDIR + "/" + name, desiredText(name));
      Optional<String> main = ConfDir.read(conf.main(name));
      Optional<String> included = ConfDir.withInclude(main.orElse(""), name);
      if (included.isPresent()) {
        conf.write(name, included.get());
      }
    }
  }

  private void restore(Map<String, Optional<String>> before) throws IOException {
    for (Map.Entry<String, Optional<String>> e : before.entrySet()) {
      if (e.getValue().isPresent()) {
        conf.write(e.getKey(), e.getValue().get());
      } else {
        Files.deleteIfExists(conf.dir().resolve(e.getKey()));
      }
    }
  }

  /**
   * {@link #verify()}, read a second time before apply believes a difference or a failed read:
   * a list read on a busy PBX can lose entries (docs/apply.md), and a restore reloads the whole
   * previous configuration, while a real difference is there both times. A dropped connection
   * is opened again for the second read.
   */
  private String verifyReconnecting() {
    for (int attempt = 1; ; attempt++) {
      try {
        String problem = verify();
        if (problem == null || attempt == VERIFY_ATTEMPTS) {
          return problem;
        }
      } catch (AmiException e) {
        if (attempt == VERIFY_ATTEMPTS) {
          throw e;
        }
        if (e.kind() == AmiException.Kind.UNREACHABLE) {
          ami = reconnect(link.listTimeout());
        }
      }
      pause(Duration.ofMillis(250));
    }
  }

  /** Why the live PBX is not what we wrote, or null when it is. */
  private String verify() {
    List<MailboxChange> mailboxes = mailboxChanges(ami.voicemailUsers());
    if (!mailboxes.isEmpty()) {
      return "after reload, " + mailboxes.size() + " mailboxes in context '"
          + staff.asterisk().voicemailContext() + "' differ from what was written (first: "
          + mailboxes.get(0).mailbox() + " " + mailboxes.get(0).diff() + ")";
    }
    DialplanComparison.Result dialplan =
        DialplanComparison.compare(contexts, generated, LoadedDialplan.read(ami, contexts));
    if (!dialplan.same()) {
      return "after reload, the loaded dialplan differs from what was written in "
          + dialplan.count() + (dialplan.count() == 1 ? " place" : " places") + " (first: "
          + dialplan.differences().get(0).describe() + ")";
    }
    return null;
  }

  private List<MailboxChange> mailboxChanges(List<VoicemailBox> live) {
    String context = staff.asterisk().voicemailContext();
    Map<String, VoicemailBox> have = live.stream()
        .filter(b -> b.context().equals(context))
        .collect(Collectors.toMap(VoicemailBox::mailbox, Function.identity(), (a, b) -> a,
            TreeMap::new));
    List<MailboxChange> changes = new ArrayList<>();
    for (Person p : staff.people()) {
      if (!p.hasExtension()) {
        continue;
      }
      VoicemailBox box = have.remove(p.extension());
      String email = p.email() == null ? "" : p.email();
      if (box == null) {
        changes.add(new MailboxChange(p.extension(), MailboxDiff.ADD, p.fullName()));
      } else if (!box.fullName().equals(p.fullName()) || !box.email().equals(email)) {
        changes.add(new MailboxChange(p.extension(), MailboxDiff.CHANGE,
            describe(box.fullName(), p.fullName(), "full name")
                + describe(box.email(), email, "e-mail")));
      }
    }
    have.values().forEach(b ->
        changes.add(new MailboxChange(b.mailbox(), MailboxDiff.REMOVE, b.fullName())));
    return changes;
  }

  private static String describe(String from, String to, String what) {
    return from.equals(to) ? "" : what + " '" + from + "' -> '" + to + "' ";
  }


  private List<PresenceChange> presenceChanges(Map<String, LiveOverride> overrides, Instant now) {
    Map<String, PresenceEntry> live = ami.presenceStates().stream()
        .collect(Collectors.toMap(PresenceEntry::provider, Function.identity(), (a, b) -> a));
    List<PresenceChange> changes = new ArrayList<>();
    for (Person p : staff.people()) {
      if (!p.hasExtension()) {
        continue;
      }
      PresenceValue want = PresenceValue.of(staff, overrides, p, now);
      PresenceEntry have = live.get(PresenceValue.provider(p.extension()));
      String state = have == null ? "not_set" : have.state();
      String subtype = have == null ? "" : have.subtype();
      String message = have == null ? "" : have.message();
      if (!want.matches(state, subtype, message)) {
        changes.add(new PresenceChange(p.extension(), p.id(),
            state + (subtype.isEmpty() ? "" : "," + subtype), want));
      }
    }
    return changes;
  }

  private static List<String> expired(Map<String, LiveOverride> overrides, Instant now) {
    return overrides.values().stream()
        .filter(o -> !o.until().isAfter(now))
        .map(LiveOverride::extension)
        .sorted()
        .toList();
  }

  private static int lines(String text) {
    return text.isEmpty() ? 0 : text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
  }

  /** Lines added and removed, counted as multisets: enough for a one-line summary. */
  static int[] lineDiff(String before, String after) {
    Map<String, Integer> count = new HashMap<>();
    for (String l : before.split("\n")) {
      count.merge(l, 1, Integer::sum);
    }
    int added = 0;
    for (String l : after.split("\n")) {
      Integer c = count.get(l);
      if (c == null || c == 0) {
        added++;
      } else {
        count.put(l, c - 1);
      }
    }
    int removed = count.values().stream().mapToInt(Integer::intValue).sum();
    return new int[] {added, removed};
  }
}
