package se.vaxel.pbx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.PresenceEntry;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.diff.UnifiedDiff;
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

  /** What apply did; {@code plans} is what it found before doing it, one per organisation. */
  public record Applied(List<Plan> plans, boolean reloaded) {
    /** Whether the PBX already had everything. */
    public boolean nothingChanged() {
      return plans.stream().allMatch(Plan::isEmpty);
    }
  }

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

  /** One organisation to apply: its staff file and what it generates. */
  public record Target(Staff staff, AsteriskConfig.Rendered desired) {}

  /** One organisation as apply handles it. */
  private static final class Org {
    final Staff staff;
    final AsteriskConfig.Rendered desired;
    final String id;
    final DialplanContexts contexts;
    final GeneratedDialplan generated;
    /** The files as they were before this apply (or the unfinished one its journal is of). */
    Map<String, Optional<String>> before;
    /** Whether {@link #before} came from a journal: the PBX may have loaded anything since. */
    boolean unfinished;
    /** Whether that journal is the one an earlier vaxel kept directly in vaxel/. */
    boolean legacyJournal;

    Org(Target t) {
      this.staff = t.staff();
      this.desired = t.desired();
      this.id = staff.organisation().id();
      this.contexts = DialplanContexts.of(staff.asterisk());
      this.generated = GeneratedDialplan.parse(desired.extensionsConf(), desired.fingerprint());
    }

    String desiredText(String name) {
      return name.equals(AsteriskConfig.VOICEMAIL_FILE)
          ? desired.voicemailConf() : desired.extensionsConf();
    }

    /** Every file an apply of this organisation may change: what its journal covers. */
    List<String> keys() {
      List<String> keys = new ArrayList<>();
      for (String name : FRAGMENTS) {
        keys.add(ConfDir.fragmentPath(id, name));
        keys.add(ConfDir.indexPath(name));
        keys.add(name);
        keys.add(ConfDir.legacyPreviousPath(name));
      }
      return keys;
    }
  }

  private final List<Org> orgs;
  /** The platform's organisations not being applied: owners a legacy fragment may have. */
  private final List<Staff> others;
  private final ConfDir conf;
  private final Link link;
  /** The connection plan and verify use; replaced when it drops during apply. */
  private AmiClient ami;
  /** The connection reloads go through, opened with the reload deadline as its timeout. */
  private AmiClient reloader;
  /** Connections this deployment opened itself, closed when apply ends. */
  private final List<AmiClient> opened = new ArrayList<>();
  /** What makes and removes the sound files the configuration plays (see SoundProducer). */
  private List<SoundProducer> sounds = List.of();
  /** Where a problem that does not fail the apply is told: a log line on stderr by default. */
  private java.util.function.Consumer<String> warnings =
      org.slf4j.LoggerFactory.getLogger(Deployment.class)::warn;

  /** One organisation, the whole platform. */
  public Deployment(Staff staff, AsteriskConfig.Rendered desired, ConfDir conf, AmiClient ami,
      Link link) {
    this(List.of(new Target(staff, desired)), List.of(), conf, ami, link);
  }

  /**
   * @param targets the organisations to apply
   * @param others the platform's other organisations, which this apply leaves alone
   */
  public Deployment(List<Target> targets, List<Staff> others, ConfDir conf, AmiClient ami,
      Link link) {
    this.orgs = targets.stream().map(Org::new).toList();
    this.others = List.copyOf(others);
    this.conf = conf;
    this.ami = ami;
    this.link = link;
  }

  /** The same deployment, making and keeping the sounds of these producers around its reload. */
  public Deployment withSounds(List<SoundProducer> producers) {
    this.sounds = List.copyOf(producers);
    return this;
  }

  /** The same deployment, telling problems that do not fail the apply to {@code warnings}. */
  public Deployment withWarnings(java.util.function.Consumer<String> warnings) {
    this.warnings = java.util.Objects.requireNonNull(warnings, "warnings");
    return this;
  }

  /** What an apply would change, one plan per organisation, in the order given. */
  public List<Plan> plan(Instant now) throws IOException {
    return plan(now, legacy());
  }

  private List<Plan> plan(Instant now, Legacy legacy) throws IOException {
    List<String> shared = new ArrayList<>();
    List<FileChange> sharedFiles = new ArrayList<>();
    for (String name : FRAGMENTS) {
      Optional<String> index = ConfDir.read(conf.resolve(ConfDir.indexPath(name)));
      if (index.isEmpty() || !index.get().equals(ConfDir.indexText(name))) {
        sharedFiles.add(change(ConfDir.indexPath(name),
            index.isEmpty() ? Change.CREATE : Change.UPDATE, index, ConfDir.indexText(name)));
      }
      Optional<String> mainText = ConfDir.read(conf.main(name));
      String main = mainText.orElse("");
      Optional<String> included = ConfDir.withInclude(main, name);
      if (included.isPresent()) {
        sharedFiles.add(change(name, Change.INCLUDE, mainText, included.get()));
      }
    }
    String mainVm = ConfDir.read(conf.main(AsteriskConfig.VOICEMAIL_FILE)).orElse("");
    if (!mainVm.matches("(?s).*(?m)^\\s*passwordlocation\\s*=\\s*spooldir.*")) {
      shared.add("voicemail.conf has no passwordlocation=spooldir in [general]: the generated "
          + "mailboxes carry no PIN, so set it to keep PINs in each mailbox's secret.conf");
    }
    legacy.refusal().ifPresent(r -> shared.add("apply will refuse: " + r));
    List<VoicemailBox> boxes = ami.voicemailUsers();
    Map<String, PresenceEntry> presence = ami.presenceStates().stream()
        .collect(Collectors.toMap(PresenceEntry::provider, Function.identity(), (a, b) -> a));
    // One ShowDialPlan for every organisation: the whole dialplan is one list (50,000 people
    // are about 180,000 entries), so asking once per organisation would multiply it.
    List<DialplanEntry> wholeDialplan = ami.showDialplan();
    List<Plan> plans = new ArrayList<>();
    for (Org org : orgs) {
      List<FileChange> files = new ArrayList<>();
      boolean migrates = legacy.owner().filter(org.id::equals).isPresent();
      for (String name : FRAGMENTS) {
        String want = org.desiredText(name);
        String path = ConfDir.fragmentPath(org.id, name);
        Optional<String> have = ConfDir.read(conf.resolve(path));
        if (migrates && legacy.fragments().containsKey(name)) {
          files.add(new FileChange(ConfDir.indexPath(name) + " -> " + path, Change.MOVE, 0, 0));
          have = Optional.of(legacy.fragments().get(name));
        }
        if (have.isEmpty()) {
          files.add(change(path, Change.CREATE, have, want));
        } else if (!have.get().equals(want)) {
          files.add(change(path, Change.UPDATE, have, want));
        }
      }
      if (plans.isEmpty()) {
        files.addAll(sharedFiles);
      }
      Map<String, List<DialplanEntry>> loaded =
          LoadedDialplan.group(wholeDialplan, org.contexts);
      Map<String, LiveOverride> overrides =
          LiveOverride.readAll(ami, org.contexts.overrideFamily());
      plans.add(new Plan(org.id, files, mailboxChanges(org, boxes),
          DialplanComparison.compare(org.contexts, org.generated, loaded),
          presenceChanges(org, presence, overrides, now), expired(overrides, now),
          org.desired.fingerprint(),
          LoadedDialplan.fingerprint(loaded.get(org.contexts.route())),
          plans.isEmpty() ? shared : List.of()));
    }
    return plans;
  }

  /**
   * A fragment an earlier vaxel wrote directly into vaxel/ (before organisations had
   * directories), and the organisation whose contexts it defines.
   *
   * @param fragments file name to text, of the fragments found
   * @param owner the organisation being applied that takes them over, if one is
   * @param refusal why apply cannot take them over, if it cannot
   */
  private record Legacy(Map<String, String> fragments, Optional<String> owner,
      Optional<String> refusal) {
    boolean present() {
      return !fragments.isEmpty();
    }
  }

  private Legacy legacy() throws IOException {
    Map<String, String> found = fragments(ConfDir::indexPath);
    found.values().removeIf(ConfDir::isIndex);
    Optional<String> reserved = orgs.stream().map(o -> o.id)
        .filter(ConfDir.PREVIOUS::equals).findFirst();
    if (reserved.isPresent()) {
      return new Legacy(found, Optional.empty(), Optional.of("the organisation id '"
          + ConfDir.PREVIOUS + "' names the directory where earlier vaxel versions kept their "
          + "previous files; declare another organisation.id"));
    }
    List<Staff> all = new ArrayList<>(orgs.stream().map(o -> o.staff).toList());
    all.addAll(others);
    Optional<String> stray = strayOwnDirectory(all);
    if (stray.isPresent()) {
      return new Legacy(found, Optional.empty(), stray);
    }
    if (found.isEmpty()) {
      return new Legacy(found, Optional.empty(), Optional.empty());
    }
    // Only the organisation whose contexts the fragment defines may take it over. Another
    // municipality's file applied on its own would otherwise replace the first one's mailboxes
    // and dialplan; and an organisation whose names changed (it declared an id, and with it new
    // default contexts) would strand its mailboxes' messages, which Asterisk keeps under the
    // voicemail context's name.
    Optional<Staff> owner = all.stream().filter(s -> owns(s, found)).findFirst();
    String where = String.join(" and ", found.keySet().stream()
        .map(ConfDir::indexPath).toList());
    if (owner.isEmpty()) {
      return new Legacy(found, Optional.empty(), Optional.of(where + " in " + conf.dir()
          + " was written by an earlier vaxel for " + definedContexts(found)
          + ", which no organisation here defines. If it is another organisation's, apply that"
          + " organisation first (its staff file, or --org with the platform file), which moves"
          + " it into its own directory. If it is this organisation's from before its names"
          + " changed, keep the earlier names in its asterisk: section (voicemail-context and"
          + " dialplan-context as in that file), since voicemail messages are kept under the"
          + " voicemail context's name"));
    }
    String id = owner.get().organisation().id();
    if (orgs.stream().noneMatch(o -> o.id.equals(id))) {
      return new Legacy(found, Optional.empty(), Optional.of(where + " in " + conf.dir()
          + " was written by an earlier vaxel for organisation " + id + ", which this apply "
          + "does not include; apply it first ('vaxel apply --org " + id + "' with the same -f "
          + "and --asterisk-conf-dir), which moves it into " + ConfDir.SUBDIR + "/" + id + "/"));
    }
    return new Legacy(found, Optional.of(id), Optional.empty());
  }

  /**
   * A directory under vaxel/ that belongs to no organisation named here but defines the
   * contexts of one that is being applied: left by an earlier id of it (an id derived from a
   * name that changed, or declared since). The index loads every directory, so both would be
   * loaded and each apply would fail its verification without saying why; refuse and name it.
   */
  private Optional<String> strayOwnDirectory(List<Staff> named) throws IOException {
    Path root = conf.resolve(ConfDir.SUBDIR);
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Set<String> ids = named.stream().map(s -> s.organisation().id()).collect(Collectors.toSet());
    List<String> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs = list.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
          .map(d -> d.getFileName().toString())
          .filter(d -> !ids.contains(d) && !d.equals(ConfDir.PREVIOUS))
          .sorted()
          .toList();
    }
    for (String dir : dirs) {
      Map<String, String> fragments = fragments(name -> ConfDir.fragmentPath(dir, name));
      for (Org org : orgs) {
        if (owns(org.staff, fragments)) {
          return Optional.of(ConfDir.SUBDIR + "/" + dir + "/ in " + conf.dir() + " defines "
              + "the contexts of organisation " + org.id + " too (left by an earlier id of it?),"
              + " and Asterisk loads every directory there; move it away (or, if it is another"
              + " organisation's, give the two different names) and apply again");
        }
      }
    }
    return Optional.empty();
  }

  /** The fragments there are at {@code path(name)}, by file name. */
  private Map<String, String> fragments(Function<String, String> path) throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    for (String name : FRAGMENTS) {
      Optional<String> text = ConfDir.read(conf.resolve(path.apply(name)));
      if (text.isPresent()) {
        found.put(name, text.get());
      }
    }
    return found;
  }

  /** Whether the earlier fragments define {@code staff}'s dialplan context or mailboxes. */
  private static boolean owns(Staff staff, Map<String, String> fragments) {
    String ext = fragments.getOrDefault(AsteriskConfig.EXTENSIONS_FILE, "");
    String vm = fragments.getOrDefault(AsteriskConfig.VOICEMAIL_FILE, "");
    return defines(ext, DialplanContexts.of(staff.asterisk()).staff())
        || defines(vm, staff.asterisk().voicemailContext());
  }

  private static boolean defines(String text, String context) {
    return java.util.regex.Pattern.compile("(?m)^\\s*\\[" + java.util.regex.Pattern.quote(context)
        + "\\]").matcher(text).find();
  }

  private static String definedContexts(Map<String, String> fragments) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s*\\[([^\\]]+)\\]")
        .matcher(String.join("\n", fragments.values()));
    while (m.find()) {
      names.add(m.group(1));
    }
    names.remove("general");
    return names.isEmpty() ? "no context" : "contexts " + String.join(", ", names);
  }

  public Applied apply(Instant now) throws IOException {
    try (ConfDir.Lock lock = lock()) {
      Set<String> selected = orgs.stream().map(o -> o.id).collect(Collectors.toSet());
      for (String id : conf.organisations()) {
        if (!selected.contains(id) && Files.exists(conf.resolve(ConfDir.journalPath(id)))) {
          throw new NotLoadedException("nothing was changed: an apply of organisation " + id
              + " did not finish (" + ConfDir.journalPath(id) + " in " + conf.dir() + "); run "
              + "'vaxel apply --org " + id + "' with the same -f and --asterisk-conf-dir first");
        }
      }
      Legacy legacy = legacy();
      if (legacy.refusal().isPresent()) {
        throw new NotLoadedException("nothing was changed: " + legacy.refusal().get());
      }
      Optional<String> legacyJournalOwner = legacy.owner();
      if (legacyJournalOwner.isEmpty() && orgs.size() == 1 && others.isEmpty()) {
        legacyJournalOwner = Optional.of(orgs.get(0).id);
      }
      boolean legacyJournal = Files.exists(conf.resolve(ConfDir.legacyJournalPath()));
      for (Org org : orgs) {
        Optional<Map<String, Optional<String>>> j =
            conf.readJournal(ConfDir.journalPath(org.id), org.keys());
        if (j.isEmpty() && legacyJournal && legacyJournalOwner.filter(org.id::equals).isPresent()) {
          // Left by an earlier vaxel killed during an apply: the files it covers are this
          // organisation's keys too, and it never had a directory of its own.
          j = conf.readJournal(ConfDir.legacyJournalPath(), org.keys());
          org.legacyJournal = j.isPresent();
        }
        org.before = j.orElse(null);
        org.unfinished = j.isPresent();
      }
      if (legacyJournal && orgs.stream().noneMatch(o -> o.unfinished)) {
        throw new NotLoadedException("nothing was changed: an apply of an earlier vaxel did not "
            + "finish (" + ConfDir.legacyJournalPath() + " in " + conf.dir() + "), and it is "
            + "not clear which organisation it was for; apply that organisation on its own first");
      }
      List<Plan> plans = plan(now, legacy);
      List<Org> changing = new ArrayList<>();
      for (int i = 0; i < orgs.size(); i++) {
        if (plans.get(i).configChanges() || orgs.get(i).unfinished) {
          changing.add(orgs.get(i));
        }
      }
      // Every time, not only when the configuration changes: a file removed by hand, or an
      // absence that became current, is made again; one that exists costs a directory lookup.
      for (Org org : orgs) {
        for (SoundProducer producer : sounds) {
          producer.ensure(org.staff, now);
        }
      }
      if (!changing.isEmpty()) {
        deploy(changing);
      }
      if (legacyJournal) {
        conf.delete(ConfDir.legacyJournalPath());
      }
      for (int i = 0; i < orgs.size(); i++) {
        Org org = orgs.get(i);
        ami.setvars(plans.get(i).presence().stream()
            .map(c -> Map.entry(PresenceValue.variable(c.extension()), c.to().functionValue()))
            .toList());
        for (String ext : plans.get(i).expiredOverrides()) {
          removeIfStillExpired(org, ext, now);
        }
        try {
          retainSounds(org, now);
        } catch (RuntimeException e) {
          // The configuration is loaded and verified: a sound file left over (AstDB not read,
          // a file not deleted) is no reason for exit 3, nor to keep the consoles from
          // VaxelApplied. The next apply retains again.
          warnings.accept("applied and verified, but the sound files of " + org.id
              + " that nothing plays any more were not cleaned up, or its temporary greetings"
              + " not brought up to date (" + e.getMessage()
              + "); the next vaxel apply tries again");
        }
        // Open consoles (vaxel serve) reload staff.yaml on it: Asterisk announces no apply.
        se.vaxel.live.AbsenceEvent.applied(ami, org.id);
      }
      return new Applied(plans, !changing.isEmpty());
    } finally {
      opened.forEach(AmiClient::close);
      opened.clear();
      reloader = null;
    }
  }

  /**
   * After the reload loaded and verified: each producer keeps what the organisation's dialplan
   * and its live overrides, read now, still play. Another organisation's files are never seen.
   */
  private void retainSounds(Org org, Instant now) {
    Map<String, LiveOverride> live = null;
    List<String> failed = new ArrayList<>();
    for (SoundProducer producer : sounds) {
      // Each on its own: an announcement file that cannot be removed must not keep the
      // temporary greetings of people who are back from being taken down.
      try {
        // A producer that needs no live overrides (the phrase kit) still retains: only the
        // AMI round trip is saved.
        if (!producer.needsLive(org.staff)) {
          producer.retain(org.staff, List.of(), now);
          continue;
        }
        if (live == null) {
          live = LiveOverride.readAll(ami, org.contexts.overrideFamily());
        }
        producer.retain(org.staff, live.values(), now);
      } catch (RuntimeException e) {
        failed.add(e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failed));
    }
  }

  /**
   * Looks again right before deleting: a switchboard on another host (which the lock does not
   * reach, docs/apply.md) may have set a new absence under that key since the plan was read.
   */
  private void removeIfStillExpired(Org org, String extension, Instant now) {
    String family = org.contexts.overrideFamily();
    Optional<LiveOverride> current = ami.dbGet(family, extension)
        .flatMap(v -> LiveOverride.decode(extension, v));
    if (current.isPresent() && !current.get().until().isAfter(now)) {
      ami.dbDel(family, extension);
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
   * Writes every changing organisation, reloads once for all of them, and verifies each. One
   * reload, not one per organisation: a reload of app_voicemail and of the dialplan re-reads
   * every organisation's files whichever changed, so N reloads would cost N times as much for
   * nothing (docs/apply.md, "Several organisations"). An organisation whose files could not be
   * written or that does not verify is put back alone, with one more reload; the others stay
   * applied, and the failure names both.
   */
  private void deploy(List<Org> changing) throws IOException {
    // After an unfinished apply, Asterisk may have loaded anything: always reload a restore.
    boolean reloadStarted = changing.stream().anyMatch(o -> o.unfinished);
    for (Org org : changing) {
      if (org.before == null) {
        org.before = snapshot(org);
      }
    }
    List<Org> journaled = new ArrayList<>();
    try {
      for (Org org : changing) {
        if (!org.unfinished) {
          conf.writeJournal(ConfDir.journalPath(org.id), org.before);
        }
        journaled.add(org);
      }
    } catch (IOException e) {
      for (Org org : journaled) {
        if (!org.unfinished) {
          deleteJournalQuietly(org);
        }
      }
      throw new NotLoadedException("nothing was changed: could not write the journal into "
          + conf.dir() + " (" + describe(e) + ")", e);
    }
    Map<Org, String> failed = new LinkedHashMap<>();
    List<Org> written = new ArrayList<>();
    for (Org org : changing) {
      try {
        writeDesired(org);
        written.add(org);
      } catch (IOException e) {
        failed.put(org, "could not write the new configuration into " + conf.dir() + " ("
            + describe(e) + ")");
        try {
          restore(List.of(org));
        } catch (IOException restoreFailed) {
          throw restoreFailed(failed, written, restoreFailed, e);
        }
      }
    }
    if (written.isEmpty() && !reloadStarted) {
      changing.forEach(this::deleteJournalQuietly);
      throw new NotLoadedException(failures(failed) + "; the previous files are back and "
          + "Asterisk still has the previous configuration (nothing was reloaded)");
    }
    Duration deadline = reloadDeadline(orgs.stream()
        .flatMap(o -> java.util.stream.Stream.of(o.desired.voicemailConf(),
            o.desired.extensionsConf()))
        .toList());
    try {
      reloadAndWait(deadline);
      failed.putAll(verifyReconnecting(written));
    } catch (ReloadStillRunning e) {
      throw new NotLoadedException("Asterisk is still reloading " + e.module + " after "
          + deadline.toSeconds() + " s. The new configuration" + of(written) + " is in "
          + conf.dir() + " and stays there (vaxel never restores files under a running reload),"
          + " so Asterisk will have the new configuration when the reload ends. Run 'vaxel "
          + "apply' again then: it verifies, and restores the previous configuration if the new "
          + "one did not load.", e);
    } catch (AmiException e) {
      throw new NotLoadedException("the new configuration" + of(written) + " is in " + conf.dir()
          + ", but reloading or verifying it failed: " + e.getMessage() + ". Asterisk may have "
          + "loaded all, part or none of it. Run 'vaxel apply' again when the PBX answers: it "
          + "reloads, verifies, and restores the previous configuration (kept in each "
          + ConfDir.SUBDIR + "/<organisation>/" + ConfDir.JOURNAL + ") if the new one does not "
          + "load.", e);
    }
    List<Org> applied = changing.stream().filter(o -> !failed.containsKey(o)).toList();
    // Verified: a journal that cannot be deleted now is finished by the next apply, and must
    // not turn a loaded and verified configuration into a failure.
    applied.forEach(this::deleteJournalQuietly);
    if (failed.isEmpty()) {
      return;
    }
    throw restoreAfter(failed, written, applied);
  }

  private static String of(List<Org> orgs) {
    return orgs.size() < 2 ? "" : " (" + ids(orgs) + ")";
  }

  private static String ids(java.util.Collection<Org> orgs) {
    return String.join(", ", orgs.stream().map(o -> o.id).toList());
  }

  /** The problems, each with its organisation when there are several. */
  private String failures(Map<Org, String> failed) {
    if (orgs.size() == 1) {
      return String.join("; ", failed.values());
    }
    return String.join("; ", failed.entrySet().stream()
        .map(e -> "organisation " + e.getKey().id + ": " + e.getValue()).toList());
  }

  /** What was applied and what not, when apply had several organisations. */
  private String outcome(List<Org> applied, java.util.Collection<Org> notApplied) {
    if (orgs.size() == 1) {
      return "";
    }
    List<String> unchanged = orgs.stream()
        .filter(o -> !applied.contains(o) && !notApplied.contains(o)).map(o -> o.id).toList();
    return ". Applied and verified: " + (applied.isEmpty() ? "none" : ids(applied))
        + (unchanged.isEmpty() ? "" : "; already up to date: " + String.join(", ", unchanged))
        + "; not applied (previous configuration kept): " + ids(notApplied);
  }

  private NotLoadedException restoreFailed(Map<Org, String> failed, List<Org> written,
      IOException restoreFailed, Exception cause) {
    return new NotLoadedException(failures(failed) + "; putting the previous files back failed "
        + "too (" + describe(restoreFailed) + "): " + conf.dir() + " may hold part of the new "
        + "configuration, the previous one is in each " + ConfDir.SUBDIR + "/<organisation>/"
        + ConfDir.JOURNAL + ". Fix the cause and run 'vaxel apply' again.", cause);
  }

  /**
   * Puts the failed organisations' files back and reloads, since a reload has loaded part of
   * the new files; returns the failure to throw, saying where the PBX ended up.
   */
  private NotLoadedException restoreAfter(Map<Org, String> failed, List<Org> written,
      List<Org> applied) {
    try {
      restore(failed.keySet().stream().filter(written::contains).toList());
    } catch (IOException e) {
      return restoreFailed(failed, written, e, null);
    }
    String problem = failures(failed);
    try {
      // Room for the new and the previous configuration: the previous one may be the larger
      // (a broken template that dropped people), and a reload of the new may still be ending.
      List<String> both = new ArrayList<>();
      for (Org org : failed.keySet()) {
        both.add(org.desired.voicemailConf());
        both.add(org.desired.extensionsConf());
        org.before.values().forEach(content -> content.ifPresent(both::add));
      }
      reloadAndWait(reloadDeadline(both));
    } catch (ReloadStillRunning | AmiException e) {
      return new NotLoadedException(problem + "; the previous files are back in " + conf.dir()
          + ", but reloading them did not finish (" + e.getMessage() + "): Asterisk may still "
          + "have the new configuration loaded. When the PBX answers, run 'vaxel apply' again, "
          + "or reload by hand: asterisk -rx 'module reload " + VOICEMAIL_MODULE
          + "' and asterisk -rx 'module reload " + DIALPLAN_MODULE + "'"
          + outcome(applied, failed.keySet()) + ".");
    }
    failed.keySet().forEach(this::deleteJournalQuietly);
    return new NotLoadedException(problem + "; the previous configuration"
        + of(List.copyOf(failed.keySet())) + " is restored and reloaded"
        + outcome(applied, failed.keySet()));
  }

  private void deleteJournalQuietly(Org org) {
    try {
      conf.delete(ConfDir.journalPath(org.id));
      if (org.legacyJournal) {
        conf.delete(ConfDir.legacyJournalPath());
      }
      // Nothing of a first apply that was put back: no empty directory for the index to glob.
      Files.deleteIfExists(conf.resolve(ConfDir.SUBDIR + "/" + org.id));
    } catch (IOException e) {
      // Not empty, or the journal then holds the files as they are now: the next apply falls
      // back to them.
    }
  }

  private static String describe(IOException e) {
    return se.vaxel.output.IoProblems.describe(e);
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
   * The list timeout plus {@link #RELOAD_PER_MIB} for every MiB the reload reads: {@code files}
   * and the fragments of the organisations this apply does not include. Reloading 50,000
   * mailboxes takes a minute, whatever a single AMI action may take.
   */
  private Duration reloadDeadline(Collection<String> files) {
    long bytes = files.stream().mapToLong(f -> f.getBytes(StandardCharsets.UTF_8).length).sum();
    // A reload re-reads every organisation's fragments, not only those this apply changed.
    Set<String> mine = orgs.stream().map(o -> o.id).collect(Collectors.toSet());
    try {
      for (String id : conf.organisations()) {
        if (!mine.contains(id)) {
          for (String name : FRAGMENTS) {
            java.nio.file.Path f = conf.resolve(ConfDir.fragmentPath(id, name));
            bytes += Files.exists(f) ? Files.size(f) : 0;
          }
        }
      }
    } catch (IOException e) {
      // Unreadable: the deadline of what this apply wrote is the best there is.
    }
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


  /** Every file an apply of {@code org} may touch, as it is now (empty: it does not exist). */
  private Map<String, Optional<String>> snapshot(Org org) throws IOException {
    Map<String, Optional<String>> files = new LinkedHashMap<>();
    for (String key : org.keys()) {
      files.put(key, ConfDir.read(conf.resolve(key)));
    }
    return files;
  }

  /**
   * The organisation's fragments as they were, wherever they were: in its directory, or (before
   * migration) directly in vaxel/ when they define its contexts.
   */
  private Optional<String> previousFragment(Org org, String name) {
    Optional<String> own = org.before.get(ConfDir.fragmentPath(org.id, name));
    if (own.isPresent()) {
      return own;
    }
    Map<String, String> legacy = new LinkedHashMap<>();
    for (String n : FRAGMENTS) {
      org.before.get(ConfDir.indexPath(n)).filter(t -> !ConfDir.isIndex(t))
          .ifPresent(t -> legacy.put(n, t));
    }
    boolean owner = owns(org.staff, legacy) || (orgs.size() == 1 && others.isEmpty());
    return owner ? Optional.ofNullable(legacy.get(name)) : Optional.empty();
  }

  /**
   * The organisation's fragments, then what every organisation shares: the earlier vaxel's
   * previous files gone (the glob of the index would include them), the index, the includes.
   */
  private void writeDesired(Org org) throws IOException {
    for (String name : FRAGMENTS) {
      Optional<String> old = previousFragment(org, name);
      if (old.isPresent()) {
        conf.write(ConfDir.previousPath(org.id, name), old.get());
      }
      conf.write(ConfDir.fragmentPath(org.id, name), org.desiredText(name));
    }
    for (String name : FRAGMENTS) {
      conf.delete(ConfDir.legacyPreviousPath(name));
      conf.write(ConfDir.indexPath(name), ConfDir.indexText(name));
      Optional<String> main = ConfDir.read(conf.main(name));
      Optional<String> included = ConfDir.withInclude(main.orElse(""), name);
      if (included.isPresent()) {
        conf.write(name, included.get());
      }
    }
    try {
      conf.delete(ConfDir.SUBDIR + "/" + ConfDir.PREVIOUS);
    } catch (java.nio.file.DirectoryNotEmptyException e) {
      // Someone keeps files of their own there: theirs, left alone.
    }
  }

  /**
   * Puts the files of {@code batch} back. When another organisation's fragments stay in place,
   * the shared files (index, includes) stay as they are, since the other needs them, and each
   * organisation's previous fragments go back into its own directory, even those an earlier
   * vaxel had directly in vaxel/: Asterisk loads the same either way. Otherwise every file the
   * journals cover is as it was, the layout of an earlier vaxel included.
   */
  private void restore(List<Org> batch) throws IOException {
    Set<String> restoring = batch.stream().map(o -> o.id).collect(Collectors.toSet());
    boolean othersStay = false;
    for (String id : conf.organisations()) {
      if (!restoring.contains(id)) {
        for (String name : FRAGMENTS) {
          othersStay |= Files.exists(conf.resolve(ConfDir.fragmentPath(id, name)));
        }
      }
    }
    for (Org org : batch) {
      for (String name : FRAGMENTS) {
        // What this apply made the previous version; an organisation new here had none.
        if (org.before.get(ConfDir.fragmentPath(org.id, name)).isEmpty()) {
          conf.delete(ConfDir.previousPath(org.id, name));
        }
      }
      try {
        conf.delete(ConfDir.SUBDIR + "/" + org.id + "/" + ConfDir.PREVIOUS);
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        // The previous version of an organisation applied before: kept.
      }
      if (othersStay) {
        for (String name : FRAGMENTS) {
          put(ConfDir.fragmentPath(org.id, name), previousFragment(org, name));
        }
      } else {
        for (Map.Entry<String, Optional<String>> e : org.before.entrySet()) {
          put(e.getKey(), e.getValue());
        }
      }
    }
  }

  private void put(String relative, Optional<String> content) throws IOException {
    if (content.isPresent()) {
      conf.write(relative, content.get());
    } else {
      conf.delete(relative);
    }
  }

  /**
   * {@link #verify}, read a second time before apply believes a difference or a failed read:
   * a list read on a busy PBX can lose entries (docs/apply.md), and a restore reloads the whole
   * previous configuration, while a real difference is there both times. A dropped connection
   * is opened again for the second read. Returns each organisation that differs, with why.
   */
  private Map<Org, String> verifyReconnecting(List<Org> written) {
    List<Org> toVerify = written;
    for (int attempt = 1; ; attempt++) {
      try {
        Map<Org, String> problems = verify(toVerify);
        if (problems.isEmpty() || attempt == VERIFY_ATTEMPTS) {
          return problems;
        }
        toVerify = List.copyOf(problems.keySet());
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

  /** Why the live PBX is not what we wrote, per organisation; empty when it is. */
  private Map<Org, String> verify(List<Org> written) {
    Map<Org, String> problems = new LinkedHashMap<>();
    if (written.isEmpty()) {
      return problems;
    }
    List<VoicemailBox> boxes = ami.voicemailUsers();
    List<DialplanEntry> wholeDialplan = null;
    for (Org org : written) {
      List<MailboxChange> mailboxes = mailboxChanges(org, boxes);
      if (!mailboxes.isEmpty()) {
        problems.put(org, "after reload, " + mailboxes.size() + " mailboxes in context '"
            + org.staff.asterisk().voicemailContext() + "' differ from what was written (first: "
            + mailboxes.get(0).mailbox() + " " + mailboxes.get(0).diff() + ")");
        continue;
      }
      if (wholeDialplan == null) {
        wholeDialplan = ami.showDialplan();
      }
      DialplanComparison.Result dialplan = DialplanComparison.compare(org.contexts,
          org.generated, LoadedDialplan.group(wholeDialplan, org.contexts));
      if (!dialplan.same()) {
        problems.put(org, "after reload, the loaded dialplan differs from what was written in "
            + dialplan.count() + (dialplan.count() == 1 ? " place" : " places") + " (first: "
            + dialplan.differences().get(0).describe() + ")");
      }
    }
    return problems;
  }

  private static List<MailboxChange> mailboxChanges(Org org, List<VoicemailBox> live) {
    String context = org.staff.asterisk().voicemailContext();
    Map<String, VoicemailBox> have = live.stream()
        .filter(b -> b.context().equals(context))
        .collect(Collectors.toMap(VoicemailBox::mailbox, Function.identity(), (a, b) -> a,
            TreeMap::new));
    List<MailboxChange> changes = new ArrayList<>();
    for (Person p : org.staff.people()) {
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

  private static List<PresenceChange> presenceChanges(Org org, Map<String, PresenceEntry> live,
      Map<String, LiveOverride> overrides, Instant now) {
    List<PresenceChange> changes = new ArrayList<>();
    for (Person p : org.staff.people()) {
      if (!p.hasExtension()) {
        continue;
      }
      PresenceValue want = PresenceValue.of(org.staff, overrides, p, now);
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

  /**
   * A file apply would write, with its diff: {@code before} empty when it does not exist yet.
   * Secrets are masked on both sides before comparing, so no diff can show one.
   */
  private static FileChange change(String path, Change change, Optional<String> before,
      String after) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    UnifiedDiff.FileDiff d = UnifiedDiff.of(path,
        before.map(text -> Secrets.masked(name, text)), Secrets.masked(name, after));
    return new FileChange(path, change, d.added(), d.removed(), d.lines());
  }
}
