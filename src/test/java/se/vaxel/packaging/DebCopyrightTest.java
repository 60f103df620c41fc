package se.vaxel.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * src/deb/copyright, which the package installs as /usr/share/doc/vaxel/copyright, is in
 * Debian's machine-readable format (copyright-format 1.0): a header paragraph with Format, then
 * Files paragraphs each with Copyright and License, and every licence a Files paragraph names
 * given its text in a stand-alone License paragraph. scripts/deb-test checks it is installed.
 */
class DebCopyrightTest {
  private static final Path FILE = Path.of("src/deb/copyright");
  private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z0-9-]*):(.*)");

  /** One paragraph: field name to its value, continuation lines joined with newlines. */
  private static List<Map<String, String>> paragraphs() throws IOException {
    List<Map<String, String>> paragraphs = new ArrayList<>();
    Map<String, String> current = null;
    String field = null;
    int n = 0;
    for (String line : Files.readAllLines(FILE)) {
      n++;
      if (line.isEmpty()) {
        current = null;
        continue;
      }
      assertFalse(line.isBlank(), "line " + n + " is blank but not empty: a paragraph break "
          + "must be empty, an empty line inside a value is ' .'");
      if (line.startsWith(" ") || line.startsWith("\t")) {
        assertTrue(current != null && field != null, "line " + n + " continues nothing");
        current.merge(field, "\n" + line.substring(1), String::concat);
        continue;
      }
      var m = FIELD.matcher(line);
      assertTrue(m.matches(), "line " + n + " is neither a field nor a continuation: " + line);
      if (current == null) {
        current = new LinkedHashMap<>();
        paragraphs.add(current);
      }
      field = m.group(1);
      assertFalse(current.containsKey(field), "line " + n + ": " + field + " given twice");
      current.put(field, m.group(2).strip());
    }
    return paragraphs;
  }

  @Test
  void isMachineReadableWithATextForEveryLicenceItNames() throws IOException {
    List<Map<String, String>> paragraphs = paragraphs();
    Map<String, String> header = paragraphs.get(0);
    assertEquals("https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
        header.get("Format"));
    assertEquals("vaxel", header.get("Upstream-Name"));

    Set<String> named = new HashSet<>();
    Set<String> withText = new HashSet<>();
    boolean everything = false;
    for (Map<String, String> p : paragraphs.subList(1, paragraphs.size())) {
      String license = p.get("License");
      assertTrue(license != null, "a paragraph without License: " + p.keySet());
      String shortName = license.lines().findFirst().orElse("").strip();
      boolean hasText = license.contains("\n");
      if (p.containsKey("Files")) {
        assertTrue(p.containsKey("Copyright"), "Files: " + p.get("Files") + " has no Copyright");
        everything |= p.get("Files").equals("*");
        for (String name : shortName.split(" and | or |[()]")) {
          if (!name.isBlank()) {
            named.add(name.strip());
          }
        }
        if (hasText) {
          withText.add(shortName);
        }
      } else {
        assertEquals(1, p.size(), "a stand-alone License paragraph has only License: " + p);
        assertTrue(hasText, "License: " + shortName + " has no text");
        withText.add(shortName);
      }
    }
    assertTrue(everything, "no Files: * paragraph");
    named.removeAll(withText);
    assertEquals(Set.of(), named, "licences named without a text");
  }

  /** The licence names the bundled artifacts' POMs use, as copyright-format names them. */
  private static final Map<String, String> SHORT_NAMES = Map.ofEntries(
      Map.entry("The Apache Software License, Version 2.0", "Apache-2.0"),
      Map.entry("The Apache Software License, version 2.0", "Apache-2.0"),
      Map.entry("The Apache License, Version 2.0", "Apache-2.0"),
      Map.entry("Apache License, Version 2.0", "Apache-2.0"),
      Map.entry("Apache License 2.0", "Apache-2.0"),
      Map.entry("Apache 2.0", "Apache-2.0"),
      Map.entry("Apache-2.0", "Apache-2.0"),
      Map.entry("The BSD License", "BSD-3-clause"),
      Map.entry("BSD-3-Clause", "BSD-3-clause"),
      Map.entry("EPL 2.0", "EPL-2.0"),
      Map.entry("EPL-2.0", "EPL-2.0"),
      Map.entry("MIT", "MIT"),
      Map.entry("BSD 3-clause", "BSD-3-clause"),
      Map.entry("Eclipse Distribution License - v 1.0", "EDL-1.0"),
      Map.entry("EDL 1.0", "EDL-1.0"),
      Map.entry("Unicode-3.0", "Unicode-3.0"));

  /**
   * Every artifact the jar bundles (license-maven-plugin's META-INF/THIRD-PARTY.txt, made from
   * their POMs at every build) is under a licence the copyright file has: a new dependency
   * under another licence fails here until the copyright file says it.
   */
  @Test
  void coversEveryLicenceTheBundledArtifactsDeclare() throws IOException {
    String copyright = Files.readString(FILE);
    var listing = getClass().getResourceAsStream("/META-INF/THIRD-PARTY.txt");
    assertTrue(listing != null, "META-INF/THIRD-PARTY.txt is not on the class path");
    List<String> artifacts = new String(listing.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
        .lines().filter(l -> l.startsWith("     (")).toList();
    assertTrue(artifacts.size() > 20, "only " + artifacts.size() + " artifacts listed");
    Pattern licence = Pattern.compile("\\(([^)]*)\\)");
    for (String artifact : artifacts) {
      // "(A) (B) Name (g:a:v - url)": the leading parentheses are licences, any one will do.
      String leading = artifact.substring(0, artifact.lastIndexOf(") ", artifact.indexOf(':')) + 1);
      var m = licence.matcher(leading);
      boolean covered = false;
      while (m.find()) {
        String name = SHORT_NAMES.get(m.group(1));
        covered |= name != null && copyright.contains("\nLicense: " + name + "\n");
      }
      assertTrue(covered, "no licence of this bundled artifact is in " + FILE + ": " + artifact);
    }
  }
}
