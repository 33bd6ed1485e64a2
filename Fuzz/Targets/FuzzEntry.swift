import Foundation

/// The C signature of a one-input function, as libFuzzer calls it.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

#if FUZZING
// libFuzzer's own entry point for programs that keep their `main`. SwiftPM links every
// executable with `main` aliased to the module's entry point, so libFuzzer's `main` cannot be
// used; the module's `main` hands over to the driver instead. Three pointer arguments and an
// int result are passed the same way by the Swift and C calling conventions on x86_64 and arm64.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzCallback
) -> Int32
#endif

/// How each fuzz executable runs its one-input function. Built with `-D FUZZING` (by `make
/// fuzz`, together with `-sanitize=fuzzer,address`) its `main` runs the libFuzzer driver with
/// the process's arguments; built normally it is a corpus replayer that runs the same function
/// on each file named on the command line (or every file in a named directory), so a crashing
/// input can be replayed and debugged without the fuzzer runtime.
public enum FuzzEntry {
    public static func main(_ callback: FuzzCallback) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
        #else
        replay(arguments: CommandLine.arguments) { bytes in
            _ = bytes.withUnsafeBufferPointer { callback($0.baseAddress, $0.count) }
        }
        #endif
    }

    /// Copies libFuzzer's buffer into an array (the entry points take `[UInt8]`) and runs
    /// `body` on it. libFuzzer ignores the return value except -1, which we never use.
    public static func feed(_ data: UnsafePointer<UInt8>?, _ size: Int, to body: ([UInt8]) -> Void) -> Int32 {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        body(bytes)
        return 0
    }

    /// Runs `body` on every input file named in `arguments` and prints how many it ran.
    static func replay(arguments: [String], with body: ([UInt8]) -> Void) -> Never {
        let tool = (arguments.first as NSString?)?.lastPathComponent ?? "opsctl-fuzz"
        let paths = Array(arguments.dropFirst())
        if paths.isEmpty {
            FileHandle.standardError.write(Data("usage: \(tool) FILE|DIR...  (replays inputs; build with -D FUZZING for libFuzzer)\n".utf8))
            exit(64)
        }
        var count = 0
        for path in paths.flatMap(inputFiles) {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(tool): cannot read \(path)\n".utf8))
                exit(1)
            }
            body(Array(data))
            count += 1
        }
        print("\(tool): ran \(count) input(s) without a crash")
        exit(0)
    }

    private static func inputFiles(_ path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [path]
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
