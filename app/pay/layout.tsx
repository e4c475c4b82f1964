// The customer's checkout pages: public (no sign-in), no dashboard chrome, phone-sized first.
export default function CheckoutLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50">
      <main id="main" className="mx-auto w-full max-w-md px-4 py-6">{children}</main>
    </div>
  );
}
