package se.vaxel.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A writer to be killed: run in its own JVM by {@link OutputWriterCrashTest}, it writes
 * version V of a tree of N people into DIR, saying "writing" just before and "done" just after.
 */
final class CrashVictim {
  private CrashVictim() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<OutputFile> tree = tree(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    System.out.println("writing");
    System.out.flush();
    new OutputWriter().write(dir, tree);
    System.out.println("done");
  }

  /**
   * Version 2 differs from version 1 in every way a real run can: every text changes, every
   * seventh person has left, and a tenth more people have joined.
   */
  static List<OutputFile> tree(int version, int people) {
    List<OutputFile> files = new ArrayList<>();
    int last = version == 1 ? people : people + people / 10;
    StringBuilder sheet = new StringBuilder("<p>version " + version + "</p>\n");
    for (int i = 0; i < last; i++) {
      if (version == 2 && i % 7 == 0) {
        continue;
      }
      String id = "p" + i;
      sheet.append(id).append('\n');
      for (String name : List.of("greeting.txt", "answering.txt", "signature.txt")) {
        files.add(new OutputFile("staff/" + id + "/" + name,
            "version " + version + ": " + name + " of " + id + "\n"));
      }
    }
    files.add(new OutputFile("switchboard.html", sheet.toString()));
    return files;
  }
}
