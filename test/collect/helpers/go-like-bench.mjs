// Prints what `go test -bench . -benchmem` prints, with a little jitter per run, so a test can
// run it as a benchmark command for several rounds. `--fail` makes it fail like a broken
// benchmark does (go prints the reason, then exits 1).
if (process.argv.includes("--fail")) {
  console.log("--- FAIL: BenchmarkParse");
  console.log("    parse_test.go:12: fixture file missing");
  console.error("exit status 1: fixture file missing");
  process.exit(1);
}
const jitter = (x) => Math.round(x * (0.95 + Math.random() * 0.1));
console.log("goos: linux\ngoarch: amd64\npkg: perfgate.example/jitter\ncpu: test");
console.log(`BenchmarkParse-2   \t    1000\t  ${jitter(1234)} ns/op\t  64 B/op\t   2 allocs/op`);
console.log(`BenchmarkEncode-2  \t   50000\t  ${jitter(31)} ns/op\t   0 B/op\t   0 allocs/op`);
console.log("PASS\nok  \tperfgate.example/jitter\t0.5s");
