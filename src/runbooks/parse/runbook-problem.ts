/** Something wrong in a runbook file, at a 1-based line and column of that file. */
export interface RunbookProblem {
  line: number;
  column: number;
  message: string;
}
