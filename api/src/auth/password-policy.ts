/** Minimum rules for a new password; returns the problem or null. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'must be at least 10 characters'
  if (password.length > 200) return 'must be at most 200 characters'
  if (password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the user name'
  if (new Set(password).size < 5) return 'is too repetitive'
  return null
}
