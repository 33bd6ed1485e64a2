import OpsFuzzTargets

// The one-input function under libFuzzer's name: the fuzzer runtime's archive member that
// holds its `main` refers to it, whichever `main` the linker ends up keeping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzEntry.feed(data, size, to: SSHSignatureFuzzTarget.run)
}

@main
enum FuzzMain {
    static func main() {
        FuzzEntry.main(fuzzTestOneInput)
    }
}
