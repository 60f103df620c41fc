package se.vaxel.staff;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffIndex.Position;

/**
 * Reads what {@code -f} names: a platform file (several organisations' staff files) or one
 * staff file, which is a platform of one. A file whose top level has a {@code platform} key is
 * a platform file. docs/platform.md describes it and what must be unique across it.
 *
 * <p>The platform file gets the same guards as a staff file (size, values, depth, no anchors):
 * it is composed once by {@link StaffLoader}, and each staff file it names is read once, its
 * positions ({@link StaffIndex}) coming from that same read. Every problem of every file is
 * reported at once, those that span two files in both; nothing is built unless all is clean.
 */
public final class PlatformLoader {
  private static final String TOP_KEY = "platform";
  static final List<String> TOP = List.of(TOP_KEY, "organisations");
  static final List<String> PLATFORM = List.of("name");
  static final List<String> ORGANISATION = List.of("staff");

  private final StaffLoader staffLoader;

  public PlatformLoader() {
    this(new StaffLoader());
  }

  PlatformLoader(StaffLoader staffLoader) {
    this.staffLoader = staffLoader;
  }

  public Platform load(Path file) throws StaffException, IOException {
    return loadWithWarnings(file).platform();
  }

  /**
   * A loaded platform and what its staff files allow but probably do not mean, by
   * organisation id, each at FILE:LINE:COL; only {@code validate} prints them.
   */
  public record Loaded(Platform platform, Map<String, List<Problem>> warnings) {
    public Loaded {
      warnings = Map.copyOf(warnings);
    }

    /** Every warning, in the platform's order of organisations. */
    public List<Problem> all() {
      return platform.organisations().stream()
          .flatMap(s -> warnings.getOrDefault(s.organisation().id(), List.of()).stream())
          .toList();
    }

    /** Narrowed to one organisation, as {@link Platform#only}. */
    public Loaded only(String id) {
      return new Loaded(platform.only(id),
          warnings.containsKey(id) ? Map.of(id, warnings.get(id)) : Map.of());
    }
  }

  public Loaded loadWithWarnings(Path file) throws StaffException, IOException {
    Node root = staffLoader.compose(file);
    if (isPlatformFile(root)) {
      return platform(file, (MappingNode) root);
    }
    StaffLoader.Read read = staffLoader.read(file.toString(), root);
    Staff staff = read.staff();
    return new Loaded(Platform.of(staff), Map.of(staff.organisation().id(), read.warnings()));
  }

  private static boolean isPlatformFile(Node root) {
    return root instanceof MappingNode mapping && mapping.getValue().stream()
        .anyMatch(t -> t.getKeyNode() instanceof ScalarNode key
            && key.getValue().equals(TOP_KEY));
  }

  /** A staff file as the platform file lists it. */
  private record Listed(Path path, ScalarNode node) {}

  /** A staff file that was read, cleanly or not. */
  private record Org(StaffLoader.Read read) {
    StaffIndex index() {
      return read.index();
    }

    String file() {
      return read.file();
    }

    /** How messages name the organisation: its name, else its id. */
    String who() {
      if (index().organisationName() != null) {
        return index().organisationName();
      }
      return index().organisationId() != null
          ? "organisation '" + index().organisationId() + "'" : "the organisation in " + file();
    }
  }

  private Loaded platform(Path file, MappingNode root) throws StaffException, IOException {
    Problems own = new Problems(file.toString());
    Fields top = new Fields(root, "the platform file", TOP, own);
    String name = name(top.mapping(TOP_KEY, true), own);
    List<Listed> listed = listed(file, top.sequence("organisations", true), own);

    Map<String, List<Problem>> byFile = new LinkedHashMap<>();
    List<Org> orgs = new ArrayList<>();
    for (Listed l : listed) {
      String staffName = l.path().toString();
      try {
        Node staffRoot = staffLoader.compose(l.path());
        if (isPlatformFile(staffRoot)) {
          own.add(l.node(), FreeText.quoted(l.node().getValue().strip())
              + " is a platform file; a platform file lists staff files only");
          continue;
        }
        StaffLoader.Read read = staffLoader.read(staffName, staffRoot);
        byFile.put(staffName, new ArrayList<>(read.problems()));
        orgs.add(new Org(read));
      } catch (StaffException e) {
        byFile.put(staffName, new ArrayList<>(e.problems()));
      } catch (NoSuchFileException e) {
        own.add(l.node(), "the staff file " + staffName + " does not exist; paths are relative"
            + " to this file's directory");
      } catch (AccessDeniedException e) {
        own.add(l.node(), "the staff file " + staffName + " cannot be read: permission denied");
      } catch (IOException e) {
        own.add(l.node(), "the staff file " + staffName + " cannot be read: "
            + FreeText.printable(String.valueOf(e.getMessage()), 200));
      }
    }

    Across across = new Across(byFile);
    across.organisationIds(orgs);
    across.numberPlan(orgs);
    across.pbxNames(orgs);
    across.sameOrganisation(orgs);
    across.noteOmitted();

    List<Problem> all = new ArrayList<>();
    if (!own.isEmpty()) {
      all.addAll(own.exception().problems());
    }
    byFile.values().forEach(all::addAll);
    if (!all.isEmpty()) {
      throw new StaffException(all);
    }
    List<Staff> staffs = new ArrayList<>();
    Map<String, List<Problem>> warnings = new java.util.HashMap<>();
    for (Org org : orgs) {
      Staff staff = org.read().staff();
      staffs.add(staff);
      warnings.put(staff.organisation().id(), org.read().warnings());
    }
    return new Loaded(new Platform(name, true, staffs), warnings);
  }

  private static String name(MappingNode node, Problems problems) {
    if (node == null) {
      return null;
    }
    Fields f = new Fields(node, "platform", PLATFORM, problems);
    ScalarNode nameNode = f.scalar("name", true);
    if (nameNode == null) {
      return null;
    }
    String value = FreeText.normalise(nameNode.getValue());
    var problem = value.isEmpty()
        ? java.util.Optional.of("name is empty") : FreeText.problem("name", value, false);
    problem.ifPresent(message -> problems.add(nameNode, message));
    return problem.isPresent() ? null : value;
  }

  /** The staff files the platform file lists, each once, resolved against its directory. */
  private static List<Listed> listed(Path file, SequenceNode list, Problems problems) {
    List<Listed> listed = new ArrayList<>();
    if (list == null) {
      return listed;
    }
    if (list.getValue().isEmpty()) {
      problems.add(list, "organisations is empty; list each organisation's staff file as"
          + " '- staff: PATH' (relative to this file)");
    }
    Map<Path, ScalarNode> seen = new HashMap<>();
    for (Node entry : list.getValue()) {
      if (!(entry instanceof MappingNode mapping)) {
        problems.add(entry, "an organisation must be a mapping with staff: PATH (relative to"
            + " this file), found " + Fields.describe(entry));
        continue;
      }
      ScalarNode staffNode =
          new Fields(mapping, "an organisation", ORGANISATION, problems).scalar("staff", true);
      if (staffNode == null) {
        continue;
      }
      String text = staffNode.getValue().strip();
      Path path;
      try {
        if (text.isEmpty() || text.indexOf('\0') >= 0) {
          throw new InvalidPathException(text, "empty or with a NUL character");
        }
        // Upward paths are fine: the administrator's own files, wherever they keep them.
        path = file.resolveSibling(text).normalize();
      } catch (InvalidPathException e) {
        problems.add(staffNode, "staff " + FreeText.quoted(text) + " is not a file path");
        continue;
      }
      ScalarNode first = seen.putIfAbsent(identity(path), staffNode);
      if (first != null) {
        problems.add(staffNode, "the staff file " + FreeText.quoted(text)
            + " is already listed at line " + Position.of(first).line()
            + "; list each organisation once");
        continue;
      }
      listed.add(new Listed(path, staffNode));
    }
    return listed;
  }

  /** The same file however it is spelt (./a.yaml, a link to it) is listed once. */
  private static Path identity(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException | SecurityException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** The checks that span staff files; each problem goes to the file it is in. */
  private static final class Across {
    private final Map<String, List<Problem>> byFile;
    /** Past {@link Problems#MAX} in a file, only counted, as the staff reader does. */
    private final Map<String, Integer> omitted = new LinkedHashMap<>();

    Across(Map<String, List<Problem>> byFile) {
      this.byFile = byFile;
    }

    private void add(Org org, Position at, String message) {
      List<Problem> problems = byFile.computeIfAbsent(org.file(), f -> new ArrayList<>());
      if (problems.size() < Problems.MAX) {
        problems.add(new Problem(org.file(), at.line(), at.column(), message));
      } else {
        omitted.merge(org.file(), 1, Integer::sum);
      }
    }

    /** A hostile pair of files could collide on every one of a million extensions. */
    void noteOmitted() {
      omitted.forEach((file, n) -> byFile.get(file).add(
          new Problem(file, 1, 1, "too many problems; " + n + " more not shown")));
    }

    /** Ids name each organisation's files, output, reports and (by default) PBX names. */
    void organisationIds(List<Org> orgs) {
      Map<String, Org> byId = new HashMap<>();
      for (Org org : orgs) {
        String id = org.index().organisationId();
        if (id == null) {
          continue;
        }
        Org first = byId.putIfAbsent(id, org);
        if (first != null) {
          add(org, org.index().organisationAt(), idMessage(org, first));
          add(first, first.index().organisationAt(), idMessage(first, org));
        }
      }
    }

    private static String idMessage(Org org, Org other) {
      StaffIndex i = org.index();
      return "organisation id '" + i.organisationId() + "'"
          + (i.idDeclared() ? "" : " (derived from the name)") + " is also the id of "
          + other.who() + " (" + other.index().organisationAt().in(other.file())
          + "); each organisation on a platform needs an id of its own: "
          + (i.idDeclared() ? "change" : "give") + " organisation.id";
    }

    /** One number plan: an owner of an extension, a person or an organisation's switchboard. */
    private record Owner(Org org, boolean switchboard, String personId, Position at) {
      String describe() {
        return (switchboard ? "the switchboard of "
            : personId == null ? "an entry in " : "'" + personId + "' in ") + org.who()
            + " (" + at.in(org.file()) + ")";
      }
    }

    /**
     * Extensions are unique across the platform, except that organisations may share their
     * switchboard's. Within one file the staff reader has already said it.
     */
    void numberPlan(List<Org> orgs) {
      Map<String, Owner> owners = new HashMap<>();
      for (Org org : orgs) {
        StaffIndex i = org.index();
        if (i.switchboard() != null) {
          claim(owners, i.switchboard(), new Owner(org, true, null, i.switchboardAt()));
        }
        for (StaffIndex.Extension e : i.extensions()) {
          if (e.extension().equals(i.switchboard())) {
            continue; // its own switchboard's: the staff reader has said so, in this file
          }
          claim(owners, e.extension(), new Owner(org, false, e.personId(), e.at()));
        }
      }
    }

    private void claim(Map<String, Owner> owners, String number, Owner owner) {
      Owner first = owners.putIfAbsent(number, owner);
      if (first == null || first.org() == owner.org()
          || first.switchboard() && owner.switchboard()) {
        return;
      }
      add(owner.org(), owner.at(), numberMessage(number, owner, first));
      add(first.org(), first.at(), numberMessage(number, first, owner));
    }

    private static String numberMessage(String number, Owner here, Owner other) {
      return (here.switchboard() ? "switchboard " : "extension ") + number + " is also "
          + (other.switchboard() ? "" : "the extension of ") + other.describe()
          + "; the organisations of a platform share one number plan, so an extension may be"
          + " used once (only the switchboard's may be shared): change one of them";
    }

    /** What one organisation owns on the PBX. */
    private record Names(Org org, String voicemail, Set<String> contexts, Set<String> families) {}

    /**
     * Voicemail contexts, dialplan contexts and AstDB families are per organisation on the
     * PBX: if two organisations shared one, applying either would overwrite the other's.
     */
    void pbxNames(List<Org> orgs) {
      List<Names> names = new ArrayList<>();
      for (Org org : orgs) {
        StaffIndex i = org.index();
        Set<String> contexts = new TreeSet<>();
        Set<String> families = new TreeSet<>();
        if (i.dialplanContext() != null) {
          DialplanContexts d = DialplanContexts.of(new AsteriskSettings("unused",
              i.dialplanContext(), "PJSIP/" + AsteriskSettings.EXTEN_PLACEHOLDER, 20));
          contexts.addAll(d.all());
          families.add(d.overrideFamily());
          families.add(d.probeFamily());
        }
        names.add(new Names(org, i.voicemailContext(), contexts, families));
      }
      for (int a = 0; a < names.size(); a++) {
        for (int b = a + 1; b < names.size(); b++) {
          pbxNames(names.get(a), names.get(b));
          pbxNames(names.get(b), names.get(a));
        }
      }
    }

    /** The problems of {@code here} for what it shares with {@code other}. */
    private void pbxNames(Names here, Names other) {
      StaffIndex i = here.org().index();
      StaffIndex o = other.org().index();
      // Two organisations with one id get the same default names: the id problem says it.
      boolean sameId = i.organisationId() != null
          && i.organisationId().equals(o.organisationId());
      if (here.voicemail() != null && here.voicemail().equals(other.voicemail())
          && !(sameId && !i.voicemailGiven() && !o.voicemailGiven())) {
        add(here.org(), i.voicemailAt(), "voicemail context '" + here.voicemail()
            + "' is also the voicemail context of " + other.org().who() + " ("
            + o.voicemailAt().in(other.org().file()) + "); organisations on one PBX need"
            + " voicemail contexts of their own (each keeps its mailboxes and messages): "
            + fix(i, i.voicemailGiven(), "voicemail-context"));
      }
      Set<String> contexts = new TreeSet<>(here.contexts());
      contexts.retainAll(other.contexts());
      Set<String> families = new TreeSet<>(here.families());
      families.retainAll(other.families());
      if ((contexts.isEmpty() && families.isEmpty())
          || (sameId && !i.dialplanGiven() && !o.dialplanGiven())) {
        return;
      }
      List<String> shared = new ArrayList<>();
      if (!contexts.isEmpty()) {
        shared.add((contexts.size() == 1 ? "dialplan context " : "dialplan contexts ")
            + String.join(", ", contexts));
      }
      if (!families.isEmpty()) {
        shared.add((families.size() == 1 ? "AstDB family " : "AstDB families ")
            + String.join(", ", families));
      }
      add(here.org(), i.dialplanAt(), "the " + String.join(" and the ", shared) + " (from"
          + " dialplan-context '" + i.dialplanContext() + "') "
          + (contexts.size() + families.size() == 1 ? "is" : "are") + " also "
          + other.org().who() + "'s (dialplan-context '" + o.dialplanContext() + "' at "
          + o.dialplanAt().in(other.org().file()) + "); organisations on one PBX need"
          + " dialplan contexts and AstDB families of their own (families are named after"
          + " dialplan-context without '-staff'): " + fix(i, i.dialplanGiven(), "dialplan-context"));
    }

    private static String fix(StaffIndex i, boolean given, String key) {
      if (given) {
        return "change asterisk." + key;
      }
      return i.idDeclared()
          ? "give asterisk." + key + " a name of its own"
          : "give organisation.id (the default names then follow it), or asterisk." + key;
    }

    /**
     * An alternate or weekly contact must be in the person's own organisation: the route reads
     * the target's live absence in its organisation's own AstDB family. The staff reader only
     * knew the id was not in its file; here the message says where the person is.
     */
    void sameOrganisation(List<Org> orgs) {
      Map<String, List<Org>> whereIs = new HashMap<>();
      for (Org org : orgs) {
        for (String id : org.index().ids().keySet()) {
          whereIs.computeIfAbsent(id, k -> new ArrayList<>()).add(org);
        }
      }
      for (Org org : orgs) {
        for (StaffIndex.Unresolved u : org.index().unresolved()) {
          List<Org> elsewhere = whereIs.getOrDefault(u.id(), List.of());
          if (elsewhere.isEmpty()) {
            continue;
          }
          List<String> places = elsewhere.stream()
              .map(o -> o.who() + " (" + o.index().ids().get(u.id()).in(o.file()) + ")")
              .toList();
          String kind = u.what().startsWith("alternate") ? "an alternate" : "a weekly contact";
          List<Problem> problems = byFile.get(org.file());
          int at = problems.indexOf(u.problem());
          Problem replaced = new Problem(org.file(), u.problem().line(), u.problem().column(),
              u.what() + " '" + u.id() + "' is in " + String.join(" and in ", places)
                  + ", not in " + org.who() + "; " + kind + " must be in the same organisation"
                  + " (calls are routed by its own absences): name someone in this file");
          if (at >= 0) {
            problems.set(at, replaced);
          }
        }
      }
    }
  }
}
