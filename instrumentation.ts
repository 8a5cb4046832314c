// Runs once when the server starts: refuse to start on an invalid environment, with one
// line per problem naming the variable and what it should hold.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv, EnvError } = await import("./lib/env");
  try {
    const env = getEnv();
    if (env.sandbox) console.log(`Bigin sandbox mode: ${env.sandboxUrl}`);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\nbigin-dashboard cannot start. ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
