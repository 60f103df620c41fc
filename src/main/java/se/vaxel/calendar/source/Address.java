package se.vaxel.calendar.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.vaxel.calendar.CalendarOwner;

/** One person's calendar address from the template, and how messages show an address. */
final class Address {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

  private Address() {}

  /**
   * Checks a template once, before anyone's calendar is read.
   *
   * @throws SourceSetupException naming what is wrong
   */
  static void checkTemplate(String template) throws SourceSetupException {
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      String name = m.group(1);
      if (!name.equals("email") && !name.equals("id") && !name.equals("extension")) {
        throw new SourceSetupException("calendar source URL template " + display(template)
            + ": unknown placeholder {" + name + "}; use {email}, {id} or {extension}");
      }
    }
    String sample = m.replaceAll("x");
    try {
      parse(sample);
    } catch (SourceProblem e) {
      throw new SourceSetupException("calendar source URL template " + display(template)
          + ": " + e.getMessage());
    }
  }

  /** The person's own url, or the template filled in with their values (each encoded). */
  static String of(CalendarOwner owner, String template) throws SourceProblem {
    if (owner.url() != null) {
      return owner.url();
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = switch (name) {
        case "email" -> owner.email();
        case "id" -> owner.personId();
        case "extension" -> owner.extension();
        default -> throw new SourceProblem("unknown placeholder {" + name + "}");
      };
      if (value == null || value.isBlank()) {
        throw new SourceProblem("has no " + name + " in staff.yaml, which the calendar "
            + "address needs; add it, or give the person their own calendar url");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(encode(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Parses an address that must be absolute http or https. */
  static URI parse(String address) throws SourceProblem {
    URI uri;
    try {
      uri = new URI(address);
    } catch (URISyntaxException e) {
      throw new SourceProblem("not a valid address (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw new SourceProblem("not an http or https address");
    }
    if (uri.getHost() == null) {
      throw new SourceProblem("an address without a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new SourceProblem("credentials in the address; put them in a credentials file");
    }
    return uri;
  }

  /**
   * An address as messages and logs show it: without user information, and with any query
   * replaced by "?…" (feeds carry access tokens there).
   */
  static String display(String address) {
    String s = address.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", "$1");
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q) + "?…";
    }
    int h = s.indexOf('#');
    return h >= 0 ? s.substring(0, h) : s;
  }

  /**
   * Percent-encodes a value for one path segment or query value: everything but RFC 3986's
   * unreserved characters and '@', which e-mail addresses keep readable in calendar paths.
   */
  static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }
}
