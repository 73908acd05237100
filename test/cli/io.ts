/** A recording CliIo for running commands in-process. */
import type { CliIo } from "../../src/cli/io";

export interface RecordingIo extends CliIo {
  out: string;
  err: string;
}

export function recordingIo(cwd: string): RecordingIo {
  const io: RecordingIo = {
    out: "",
    err: "",
    cwd,
    stdout: (s) => {
      io.out += s;
    },
    stderr: (s) => {
      io.err += s;
    },
  };
  return io;
}
