package se.vaxel.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import se.vaxel.output.IoProblems;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import se.vaxel.ami.AmiException;
import se.vaxel.output.OutputRefusedException;
import se.vaxel.pbx.Deployment;
import se.vaxel.render.Templates;
import se.vaxel.speech.SpeechException;
import se.vaxel.staff.Problem;
import se.vaxel.staff.StaffException;

/** The one place where failures become messages and exit codes. */
final class ErrorMapper implements IExecutionExceptionHandler {
  private final CliContext context;

  ErrorMapper(CliContext context) {
    this.context = context;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    var err = cl.getErr();
    if (ex instanceof StaffException se) {
      for (Problem p : se.problems()) {
        err.println(p);
      }
      int n = se.problems().size();
      err.println(n + (n == 1 ? " problem" : " problems") + "; nothing was written.");
      return ExitCode.BAD_INPUT.code();
    }
    if (ex instanceof VaxelException ve) {
      err.println("vaxel: " + ve.getMessage());
      return ve.exitCode().code();
    }
    if (ex instanceof AmiException ae) {
      err.println("vaxel: " + ae.getMessage());
      return ae.kind() == AmiException.Kind.SETTINGS
          ? ExitCode.BAD_INPUT.code() : ExitCode.PBX_UNREACHABLE.code();
    }
    if (ex instanceof Deployment.NotLoadedException nl) {
      err.println("vaxel: apply: " + nl.getMessage());
      return ExitCode.PBX_UNREACHABLE.code();
    }
    if (ex instanceof Templates.TemplateProblem tp) {
      // Templates are the organisation's own wording: a broken one is bad input.
      err.println("vaxel: " + tp.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
    if (ex instanceof SpeechException sp) {
      // The organisation's speech settings or template are its input; a missing or failing
      // engine, or a sounds directory that cannot be written, is the PBX host's, where apply
      // runs: it stops before it changes the PBX.
      err.println("vaxel: " + sp.getMessage());
      return sp.kind() == SpeechException.Kind.CONFIGURATION
          ? ExitCode.BAD_INPUT.code() : ExitCode.PBX_UNREACHABLE.code();
    }
    if (ex instanceof NoSuchFileException nf) {
      err.println("vaxel: " + nf.getFile() + ": no such file");
      return ExitCode.BAD_INPUT.code();
    }
    if (ex instanceof AccessDeniedException ad) {
      err.println("vaxel: " + ad.getFile() + ": permission denied");
      return ExitCode.BAD_INPUT.code();
    }
    if (ex instanceof OutputRefusedException refused) {
      refused.problems().forEach(p -> err.println("vaxel: " + p));
      int n = refused.problems().size();
      err.println((n == 1 ? "" : n + " problems; ") + "nothing was written.");
      return ExitCode.BAD_INPUT.code();
    }
    if (ex instanceof FileSystemException fs) {
      err.println("vaxel: " + IoProblems.describe(fs));
      return ExitCode.BAD_INPUT.code();
    }
    if (ex instanceof IOException io) {
      err.println("vaxel: " + io.getMessage());
      return ExitCode.BAD_INPUT.code();
    }
    err.println("vaxel: internal error: " + ex);
    if (context.env().containsKey("VAXEL_DEBUG")) {
      ex.printStackTrace(err);
    } else {
      err.println("Run again with VAXEL_DEBUG=1 for the stack trace, and please report it.");
    }
    return ExitCode.INTERNAL.code();
  }
}
