// The demo shop's pages: a hash router (#/, #/checkout, #/account) so co-browsing goes on across pages, a
// plan picker, and an order form that only the customer can submit.
const pages = [...document.querySelectorAll('[data-page]')];
const links = [...document.querySelectorAll('.shop-nav a')];
const ROUTES = { '#/checkout': 'checkout', '#/account': 'account' };

function show() {
  const page = ROUTES[location.hash] ?? 'plans';
  for (const section of pages) section.hidden = section.dataset.page !== page;
  for (const a of links)
    if (ROUTES[a.getAttribute('href')] === page || (page === 'plans' && a.getAttribute('href') === '#/'))
      a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
}

for (const choose of document.querySelectorAll('[data-plan]'))
  choose.addEventListener('click', () => {
    document.getElementById('product').value = choose.dataset.plan;
  });

document.getElementById('order-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(e.target);
  const result = document.getElementById('order-result');
  result.textContent = `Thank you, ${data.get('fullName') || 'customer'}: your ${data.get('product')} order is placed.`;
  result.hidden = false;
});

window.addEventListener('hashchange', show);
show();
