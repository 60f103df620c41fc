package se.vaxel.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The organisations that share one PBX and one switchboard, each with its own staff file: what
 * {@code -f platform.yaml} loads. A single staff file is a platform of one, so every command
 * works on a platform and a lone staff.yaml needs no platform file (docs/platform.md).
 *
 * @param name the platform's name from platform.yaml, or the organisation's for a platform of
 *     one
 * @param fromPlatformFile whether a platform file named the organisations; output that differs
 *     between the two (one directory per organisation) asks this
 */
public record Platform(String name, boolean fromPlatformFile, List<Staff> organisations) {

  public Platform {
    Objects.requireNonNull(name, "name");
    organisations = List.copyOf(organisations);
    if (organisations.isEmpty()) {
      throw new IllegalArgumentException("a platform has at least one organisation");
    }
    Map<String, Staff> ids = new LinkedHashMap<>();
    for (Staff s : organisations) {
      if (ids.putIfAbsent(s.organisation().id(), s) != null) {
        throw new IllegalArgumentException("duplicate organisation id: " + s.organisation().id());
      }
    }
  }

  /** A lone staff file. */
  public static Platform of(Staff staff) {
    return new Platform(staff.organisation().name(), false, List.of(staff));
  }

  public Optional<Staff> organisation(String id) {
    return organisations.stream().filter(s -> s.organisation().id().equals(id)).findFirst();
  }

  public List<String> ids() {
    return organisations.stream().map(s -> s.organisation().id()).toList();
  }

  /** The same platform with only the organisation {@code id} (which must exist). */
  public Platform only(String id) {
    Staff s = organisation(id).orElseThrow(
        () -> new IllegalArgumentException("no organisation " + id));
    return new Platform(name, fromPlatformFile, List.of(s));
  }

  /** Every person of every organisation, each with their organisation. */
  public List<Member> members() {
    List<Member> out = new ArrayList<>();
    for (Staff s : organisations) {
      for (Person p : s.people()) {
        out.add(new Member(s, p));
      }
    }
    return out;
  }

  /** A person and the organisation whose staff file they are in. */
  public record Member(Staff staff, Person person) {
    /** The platform-wide name of the person: {@code <organisation id>/<staff id>}. */
    public String qualifiedId() {
      return staff.organisation().id() + "/" + person.id();
    }
  }
}
