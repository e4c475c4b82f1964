import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Malipo", template: "%s · Malipo" },
  description: "Self-hosted M-Pesa payment gateway",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
