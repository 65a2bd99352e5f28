// Pyodide 0.29's runtime is written with class static blocks (Safari 16.4, Firefox 93, Chrome 94). An engine that
// cannot parse this file cannot run the checker: the modules that start Python import it, so they never run there,
// and navigateur.mjs says why.
class Sonde {
  static ok = false; // a static field is older than static blocks (Safari 14.1): it changes nothing here
  static {
    Sonde.ok = true;
  }
}

export const compatible = Sonde.ok;
