import type { Config } from "tailwindcss";

// Tailwind 4 reads most configuration from CSS (app/globals.css, via @config); this file keeps the
// content globs and the brand colours in one typed place.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { 50: "#ecfdf3", 100: "#d1fadf", 500: "#12b76a", 600: "#039855", 700: "#027a48", 900: "#054f31" },
      },
    },
  },
};

export default config;
