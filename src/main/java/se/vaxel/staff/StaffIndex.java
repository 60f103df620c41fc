package se.vaxel.staff;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where the values that must be unique across a platform are in one staff file, as the one
 * parse of it found them: what {@link PlatformLoader} needs to report a problem that spans two
 * files at FILE:LINE:COL in each. Kept beside {@link se.vaxel.model.Staff}, never in it, so the
 * model carries no YAML positions. Filled from whatever of the file was valid, also when other
 * parts of it were not, so that cross-file problems are reported together with the file's own.
 *
 * @param organisationId organisation.id, or the id derived from the name; null when neither is
 *     valid
 * @param organisationAt organisation.id's value when declared, else the organisation key
 * @param organisationName the name, for messages; null when invalid
 * @param switchboard organisation.switchboard, or null when invalid
 * @param ids every valid staff id, where it is first given
 * @param extensions every valid extension with its owner, in file order
 * @param voicemailContext the voicemail context in effect (given or default), null if invalid
 * @param voicemailAt asterisk.voicemail-context's value when given, else {@code organisationAt}
 * @param voicemailGiven whether the file names it rather than the defaults
 * @param dialplanContext the dialplan context in effect, null if invalid
 * @param dialplanAt asterisk.dialplan-context's value when given, else {@code organisationAt}
 * @param dialplanGiven whether the file names it
 * @param unresolved the alternates and weekly contacts that are no staff id of this file, each
 *     with the problem already reported for it (which the platform may make more precise)
 */
record StaffIndex(
    String organisationId,
    boolean idDeclared,
    Position organisationAt,
    String organisationName,
    String switchboard,
    Position switchboardAt,
    Map<String, Position> ids,
    List<Extension> extensions,
    String voicemailContext,
    Position voicemailAt,
    boolean voicemailGiven,
    String dialplanContext,
    Position dialplanAt,
    boolean dialplanGiven,
    List<Unresolved> unresolved) {

  /** A file too broken to read any further (YAML syntax, a limit): nothing is known. */
  static final StaffIndex NONE = new StaffIndex(null, false, Position.START, null, null,
      Position.START, Map.of(), List.of(), null, Position.START, false, null, Position.START,
      false, List.of());

  StaffIndex {
    ids = Map.copyOf(ids);
    extensions = List.copyOf(extensions);
    unresolved = List.copyOf(unresolved);
  }

  /** A 1-based line and column. */
  record Position(int line, int column) {
    static final Position START = new Position(1, 1);

    static Position of(Node node) {
      return node == null ? START
          : new Position(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    String in(String file) {
      return file + ":" + line + ":" + column;
    }
  }

  /** A person's extension; {@code personId} is null when the entry's id is invalid. */
  record Extension(String extension, String personId, Position at) {}

  /**
   * An alternate or weekly contact naming no one in this file.
   *
   * @param what "alternate" or "weekly contact for week 31", as the problem says it
   */
  record Unresolved(String id, String what, Problem problem) {}
}
