package se.vaxel.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the Debian package's manual pages (AsciiDoc, which asciidoctor turns into troff) and
 * bash completion with picocli's own generators, from the command line exactly as Main builds
 * it, so the pages carry the exit-code table and the rule list that --help shows. Run by the
 * deb profile of the pom (exec-maven-plugin, test class path: picocli-codegen is a build tool,
 * not shipped in the jar). Arguments: the AsciiDoc directory, the completion file.
 */
public final class PackageDocs {
  private PackageDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: PackageDocs ADOC-DIR COMPLETION-FILE");
    }
    PrintWriter sink = new PrintWriter(new StringWriter());
    CommandLine cl = Main.commandLine(Main.context(sink, sink, Map.of(), Clock.systemUTC()));
    Path adoc = Path.of(args[0]);
    Files.createDirectories(adoc);
    int code = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true,
        cl.getCommandSpec());
    if (code != 0) {
      throw new IllegalStateException("ManPageGenerator exited " + code);
    }
    Path completion = Path.of(args[1]);
    Files.createDirectories(completion.getParent());
    Files.writeString(completion, AutoComplete.bash("vaxel", cl), StandardCharsets.UTF_8);
    System.out.println("PackageDocs: man pages in " + adoc + ", completion in " + completion
        + " (" + new File(args[0]).list().length + " pages)");
  }
}
