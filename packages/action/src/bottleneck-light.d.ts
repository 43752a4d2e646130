// Octokit's plugins import Bottleneck's light build, which ships no declarations of its own; its API is the full
// build's, whose declarations these reuse.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
