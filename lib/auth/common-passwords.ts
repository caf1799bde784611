// Passwords of 12 characters or more that appear again and again in published breach lists,
// and the patterns they are built from. Shorter ones are refused by length already. Compared
// after lower-casing and removing spaces, digits and symbols at the ends.
export const COMMON_PASSWORDS: readonly string[] = [
  "123456789012", "1234567890123", "12345678901234", "123456789123", "111111111111", "000000000000",
  "123123123123", "987654321098", "qwertyuiopas", "qwertyuiop123", "qwertyuiopasdf", "qwertyuiop1234",
  "1qaz2wsx3edc", "1q2w3e4r5t6y", "1q2w3e4r5t6y7u", "q1w2e3r4t5y6", "zaq12wsxcde3", "asdfghjkl123",
  "asdfghjklqwe", "zxcvbnm12345", "passwordpassword", "password1234", "password12345", "password123456",
  "password1234567", "passw0rd1234", "p@ssw0rd1234", "p@ssword1234", "mypassword123", "mypassword1234",
  "letmein12345", "letmeinletmein", "iloveyou1234", "iloveyouiloveyou", "welcome12345", "welcome123456",
  "welcometothejungle", "changeme1234", "changemenow1", "administrator", "administrator1", "admin1234567",
  "adminadmin123", "trustno1trustno1", "football1234", "baseball1234", "basketball12", "superman1234",
  "sunshine1234", "princess1234", "starwars1234", "dragon123456", "monkey123456", "shadow123456",
  "master123456", "michael12345", "jennifer1234", "jordan231234", "liverpool123", "chelsea12345",
  "computer1234", "internet1234", "whatever1234", "qazwsxedcrfv", "qazwsxedc123", "abcdefghijkl",
  "abcdefg12345", "abc123abc123", "abcd1234abcd", "aaaaaaaaaaaa", "thisismypassword", "correcthorsebatterystaple",
  "summer2024summer", "winter2024winter", "spring2024spring", "autumn2024autumn", "summer202412", "winter202412",
  "hospital1234", "healthcare123", "nurse1234567", "doctor123456", "epicepicepic", "readyroom123",
  "readyroomdemo", "readyroom-demo", "letmein!letmein", "qwerty123456", "qwerty1234567", "1234qwerasdf",
  "1234qwerasdfzxcv", "asdf1234asdf", "password!234", "password@123", "welcome@1234", "admin@123456",
];

const normalize = (value: string) => value.toLowerCase().replace(/\s+/g, "");

const SET = new Set(COMMON_PASSWORDS.map(normalize));

// Why a new password is refused, or null. `personal` holds the person's e-mail and name: a
// password made of them is guessed first.
export function weakPasswordReason(password: string, personal: readonly string[] = []): string | null {
  const value = normalize(password);
  if (SET.has(value) || SET.has(value.replace(/[^a-z0-9]+$/, "")) || SET.has(value.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ""))) {
    return "That password is on a list of commonly used passwords. Choose another.";
  }
  if (/^(.)\1+$/.test(value) || /^(..?.?)\1{3,}$/.test(value)) return "That password is a repeated pattern. Choose another.";
  for (const part of personal) {
    const p = normalize(part).split("@")[0] ?? "";
    if (p.length >= 4 && value.includes(p) && value.length - p.length < 6) return "That password is too close to your name or e-mail. Choose another.";
  }
  return null;
}
