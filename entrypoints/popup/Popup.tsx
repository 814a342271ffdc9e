export function Popup() {
  return (
    <main>
      <h1>Nuchter</h1>
    </main>
  );
}
