// Where the hotkey's remembered choices (window title → account id) are kept between runs. Not
// secret, but private (which sites someone uses): the file adapter writes it owner-only.
export interface ChoiceStore {
  load(): Map<string, string>;
  save(choices: ReadonlyMap<string, string>): void;
}
