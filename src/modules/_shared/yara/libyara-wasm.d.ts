// Type declarations for libyara-wasm (no bundled types): libyara compiled to
// wasm with an embind wrapper (YaraCC.cpp). Class handles and vectors live in
// wasm memory until `.delete()` is called.
declare module 'libyara-wasm' {
  namespace libyara {
    interface Handle {
      delete(): void;
    }
    interface Vector<T> extends Handle {
      size(): number;
      get(index: number): T;
    }
    interface CompileError {
      message: string;
      lineNumber: number;
      warning: boolean;
    }
    interface Meta {
      identifier: string;
      data: string;
    }
    interface ResolvedMatch {
      location: number;
      matchLength: number;
      data: string;
      stringIdentifier: string;
      dataLength: number;
    }
    /** A value object: a plain copy, but its vectors are new handles. */
    interface MatchedRule {
      ruleName: string;
      resolvedMatches: Vector<ResolvedMatch>;
      metadata: Vector<Meta>;
    }
    /** Each property read returns a new copy (a handle of its own). */
    interface RunResult extends Handle {
      readonly compileErrors: Vector<CompileError>;
      readonly matchedRules: Vector<MatchedRule>;
      readonly consoleLogs: Vector<string>;
    }
    interface Instance {
      /** Compiles `rules`, then scans `data` (UTF-8) with them. */
      run(data: string, rules: string): RunResult;
      /** The current view of the wasm memory (replaced when it grows). */
      readonly HEAP8: Int8Array;
    }
    interface Options {
      print?: (text: string) => void;
      printErr?: (text: string) => void;
      /** Emscripten's hook to instantiate the wasm module ourselves. */
      instantiateWasm?: (imports: object, done: (instance: unknown, module: unknown) => void) => object;
    }
  }
  /** Each call creates a new instance (its own wasm memory). */
  function libyara(options?: libyara.Options): Promise<libyara.Instance>;
  export = libyara;
}
