package se.vaxel.ami;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.asteriskjava.manager.event.EndpointList;
import org.asteriskjava.manager.event.ListDialplanEvent;
import org.asteriskjava.manager.event.VoicemailUserEntryEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import se.vaxel.ami.AsteriskJavaExtensions.ContactEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.DbEntryEvent;
import se.vaxel.ami.AsteriskJavaExtensions.PresenceStateEntryEvent;

/**
 * Turns the library's events and responses into vaxel's records. Pure functions, so they are
 * tested with hand-made events. The library hands over null for absent headers and for values it
 * reads as null ("(null)", "none", "unknown", ...); records get "" instead.
 */
final class EventMapping {

  private EventMapping() {}

  static VoicemailBox voicemailBox(VoicemailUserEntryEvent e) {
    return new VoicemailBox(
        text(e.getVmContext()),
        text(e.getVoicemailbox()),
        text(e.getFullname()),
        text(e.getEmail()),
        text(e.getPager()),
        text(e.getLanguage()),
        text(e.getTimezone()),
        Boolean.TRUE.equals(e.getAttachMessage()),
        number(e.getNewMessageCount()),
        number(e.getOldMessageCount()),
        number(e.getMaxMessageCount()),
        number(e.getMaxMessageLength()));
  }

  /** The entries of one family, keyed without "/family/", sorted; others are left out. */
  static Map<String, String> dbTree(String family, List<? extends DbEntryEvent> entries) {
    String prefix = "/" + family + "/";
    Map<String, String> tree = new TreeMap<>();
    for (DbEntryEvent entry : entries) {
      String key = text(entry.getKey());
      if (key.startsWith(prefix)) {
        tree.put(key.substring(prefix.length()), value(entry));
      }
    }
    return tree;
  }

  static String value(DbEntryEvent entry) {
    return entry.getVal() == null ? "" : text(entry.getVal().text());
  }

  /**
   * An entry of PresenceStateList. Unlike the PresenceState answer, the list writes subtype and
   * message through ast_escape_c (main/presencestate.c, presence_state_to_ami): O'Brien comes
   * back as O\'Brien, so it is decoded here, or a published presence would never match.
   */
  static PresenceEntry presence(PresenceStateEntryEvent e) {
    return new PresenceEntry(
        text(e.getPresentity()),
        text(e.getStatus()),
        unescapeC(text(e.getSubtype())),
        unescapeC(presenceMessage(e.getPresenceMessage(), e.getMessage())));
  }

  /** Undoes ast_escape_c (main/utils.c), which writes \a \b \f \n \r \t \v \\ \' \" \?. */
  static String unescapeC(String text) {
    if (text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 == text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000B');
        case '\\', '\'', '"', '?' -> out.append(next);
        default -> out.append(c).append(next);
      }
    }
    return out.toString();
  }

  /**
   * The answer to PresenceState, which carries the state as headers of the response itself. Its
   * Message header is the response's own "Presence State", repeated with the text when there is
   * one; PresenceMessage has only the text and is absent when there is none.
   */
  static PresenceEntry presence(String provider, ManagerResponse response) {
    return new PresenceEntry(
        provider,
        attribute(response, "state"),
        attribute(response, "subtype"),
        attribute(response, "presencemessage"));
  }

  /**
   * The list entries carry the text as PresenceMessage and as Message; the library joins repeated
   * headers with "\n", so Message is only the fallback, and then its last line.
   */
  private static String presenceMessage(String presenceMessage, String message) {
    if (presenceMessage != null && !presenceMessage.isEmpty()) {
      return presenceMessage;
    }
    String text = text(message).strip();
    return text.substring(text.lastIndexOf('\n') + 1);
  }

  /** An extension's priority or hint, an include or a switch; empty for ignore-patterns. */
  static Optional<DialplanEntry> dialplanEntry(ListDialplanEvent e) {
    if (e.getExtension() == null) {
      int kind = e.getIncludeContext() != null ? DialplanEntry.INCLUDE
          : e.getSwitch() != null ? DialplanEntry.SWITCH : 0;
      if (kind == 0) {
        return Optional.empty();
      }
      String target = kind == DialplanEntry.INCLUDE ? e.getIncludeContext() : e.getSwitch();
      return Optional.of(new DialplanEntry(text(e.getContext()), "", kind, "", target, "",
          text(e.getRegistrar())));
    }
    int priority = e.isHint() ? DialplanEntry.HINT : number(e.getPriority());
    return Optional.of(
        new DialplanEntry(
            text(e.getContext()),
            e.getExtension(),
            priority,
            text(e.getExtensionLabel()),
            text(e.getApplication()),
            text(e.getAppData()),
            text(e.getRegistrar())));
  }

  static Endpoint endpoint(EndpointList e) {
    return new Endpoint(
        text(e.getObjectName()),
        commaList(e.getAor()),
        text(e.getDevicestate()),
        commaList(e.getContacts()));
  }

  static Contact contact(ContactEntryEvent e) {
    String id = text(e.getObjectName());
    int hash = id.indexOf(";@");
    return new Contact(
        id,
        hash < 0 ? id : id.substring(0, hash),
        text(e.getEndpoint()),
        text(e.getUri()),
        // The library reads the literal "Unknown" as null.
        e.getStatus() == null ? "Unknown" : e.getStatus());
  }

  /** A response header as text, "" when absent; repeated headers are joined by "\n". */
  static String attribute(ManagerResponse response, String name) {
    Map<String, Object> attributes = response.getAttributes();
    Object value = attributes == null ? null : attributes.get(name.toLowerCase(Locale.ROOT));
    if (value instanceof List<?> values) {
      return String.join("\n", values.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : value.toString();
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  private static int number(Integer value) {
    return value == null ? 0 : value;
  }

  private static List<String> commaList(String value) {
    return Arrays.stream(text(value).split(","))
        .map(String::strip)
        .filter(part -> !part.isEmpty())
        .toList();
  }
}
