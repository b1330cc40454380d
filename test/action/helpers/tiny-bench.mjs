// A benchmark command for the one end-to-end test that collects for real: prints what
// `go test -bench .` prints for two benchmarks, with a little jitter per round.
const jitter = (x) => Math.round(x * (0.97 + Math.random() * 0.06));
console.log("goos: linux\ngoarch: amd64\npkg: perfgate.example/tiny\ncpu: test");
console.log(`BenchmarkSum-2   \t  100000\t  ${jitter(850)} ns/op`);
console.log(`BenchmarkSort-2  \t   20000\t  ${jitter(41000)} ns/op`);
console.log("PASS\nok  \tperfgate.example/tiny\t0.2s");
